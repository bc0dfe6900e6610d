// Consumer side of the decode worker: an async iterator over frames that decode-worker.ts decodes on its own
// thread. Frames arrive by transfer (no copy) into a local buffer of at most `bufferFrames` frames (the worker
// holds back beyond that, see decode-messages.ts). Same contract as decodeInThread: cancellation and early
// stop kill ffmpeg, and the iterator only finishes once ffmpeg has exited (so thumbnails are complete).
import { Worker } from 'node:worker_threads';
import { EdgeLabError, cancelledError, type ErrorPayload } from '../../src-shared/protocol';
import type { DecodedFrame, DecodeOptions } from './decode-types';
import type { DecodeWorkerData, FromWorker, ToWorker } from './decode-messages';

export const DEFAULT_BUFFER_FRAMES = 4;

export async function* decodeInWorker(path: string, opts: DecodeOptions, workerFile: string): AsyncGenerator<DecodedFrame> {
  if (opts.signal?.aborted) throw cancelledError();
  const capacity = Math.max(1, Math.floor(opts.bufferFrames ?? DEFAULT_BUFFER_FRAMES));
  const { maxFrames, width, height, probe, thumbnails, flowPyramid, stallMs, graphFrames } = opts;
  const data: DecodeWorkerData = { path, options: { maxFrames, width, height, probe, thumbnails, flowPyramid, stallMs, graphFrames }, capacity };
  const worker = new Worker(workerFile, { workerData: data });
  const send = (m: ToWorker) => worker.postMessage(m);
  const queue: DecodedFrame[] = [];
  let end: { error?: ErrorPayload } | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const f = wake;
    wake = null;
    f?.();
  };
  const finish = (error?: ErrorPayload) => {
    end ??= error ? { error } : {};
    notify();
  };
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'frame') {
      queue.push(m.frame); // typed arrays arrive whole, their buffers transferred
      notify();
    } else if (m.type === 'spawn') opts.onSpawn?.(m.pid);
    else finish(m.error);
  });
  worker.on('error', (e) => finish({ code: 'INTERNAL', message: `decode worker ${workerFile} failed: ${e.message}` }));
  worker.on('exit', () => finish({ code: 'INTERNAL', message: `decode worker ${workerFile} exited before the end of the clip` }));
  const onAbort = () => {
    send({ type: 'cancel' });
    notify();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let stopping = false;
  try {
    for (;;) {
      while (!queue.length && !end && !opts.signal?.aborted) await new Promise<void>((r) => (wake = r));
      if (opts.signal?.aborted) throw cancelledError();
      const f = queue.shift();
      if (f) {
        // Yield to the event loop once per frame. Without it the whole replay can run inside one MessagePort
        // drain (frame message → consumer's microtasks run preprocess/inference/track → 'take' → next frame is
        // already queued), starving signals (Ctrl-C) and the engine port's cancel messages until the clip ends.
        await new Promise<void>((r) => setImmediate(r));
        if (opts.signal?.aborted) {
          queue.unshift(f);
          throw cancelledError();
        }
        send({ type: 'take' });
        stopping = true; // if the consumer leaves during this yield, tell the worker to stop
        yield f;
        stopping = false;
        continue;
      }
      const err = end!.error;
      if (err) throw err.code === 'CANCELLED' ? cancelledError() : EdgeLabError.fromPayload(err);
      return;
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (!end) {
      send({ type: stopping ? 'stop' : 'cancel' });
      while (!end) await new Promise<void>((r) => (wake = r));
    }
    // The worker closes its port after 'end'; terminate covers a worker stuck elsewhere.
    await worker.terminate();
    await ended;
  }
}
