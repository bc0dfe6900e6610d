// Worker-thread entry (built to out/main/decode-worker.js): runs decodeInThread here and posts each frame's
// buffer to the consumer by transfer, under the credit scheme of decode-messages.ts. Reading ffmpeg's pipe on
// this thread keeps decoding going while the consumer's thread is blocked (tfjs-wasm inference is synchronous).
import { parentPort, workerData } from 'node:worker_threads';
import { EdgeLabError } from '../../src-shared/protocol';
import { decodeInThread } from './decode-in-thread';
import type { DecodeWorkerData, FromWorker, ToWorker } from './decode-messages';

const port = parentPort;
if (!port) throw new Error('decode-worker: not started as a worker thread');
const data = workerData as DecodeWorkerData;
const capacity = Math.max(1, data.capacity);
const abort = new AbortController();
let outstanding = 0;
let stopped = false;
let wake: (() => void) | null = null;
const notify = () => {
  const f = wake;
  wake = null;
  f?.();
};
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: ToWorker) => {
  if (m.type === 'take') outstanding--;
  else if (m.type === 'cancel') abort.abort();
  else stopped = true;
  notify();
});

async function main(): Promise<void> {
  const frames = decodeInThread(data.path, { ...data.options, signal: abort.signal, onSpawn: (pid) => post({ type: 'spawn', pid }) });
  try {
    for await (const f of frames) {
      // decodeInThread gives every frame (and pyramid level) a fresh, exactly-sized buffer: transfer them whole.
      const arrays: ArrayBufferView[] = [f.rgb, ...(f.flow?.pyramid.levels.map((l) => l.data) ?? [])];
      const transfer = arrays.map((a) => a.buffer as ArrayBuffer);
      if (arrays.some((a) => a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength)) throw new Error('decode-worker: frame does not own its buffers');
      post({ type: 'frame', frame: f }, transfer);
      outstanding++;
      while (outstanding >= capacity && !stopped && !abort.signal.aborted) await new Promise<void>((r) => (wake = r));
      if (stopped) break; // return() kills ffmpeg and waits for it
    }
    post({ type: 'end' });
  } catch (e) {
    post({ type: 'end', error: EdgeLabError.toPayload(e) });
  }
  port!.close();
}

void main();
