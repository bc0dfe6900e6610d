// An ONNX model whose onnxruntime session lives on a worker thread (model-worker.ts, built separately like the decode
// worker: electron.vite.config.ts entry 'model-worker' → out/main/model-worker.js, found beside the running bundle).
// onnxruntime-node runs a session synchronously on the thread that calls it; from the worker, the calling thread stays
// free while the model runs (the replay tracks frames t+1, t+2 while the detector runs on t+3). Same session options
// as runtimes/onnx-runtime.ts, so the same outputs. Running from TypeScript sources (vitest) there is no built file:
// `modelThreadFor` then says 'main' and the caller loads the model on its own thread.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EdgeLabError, type ErrorPayload } from '../../src-shared/protocol';
import type { FromModelWorker, ModelWorkerData, ToModelWorker } from './model-worker-messages';
import type { HostTensor, LoadedModel, TimedRun } from './types';

export const MODEL_WORKER_FILE = 'model-worker.js';

/** The built model worker beside the running bundle (out/main/ or out/main/chunks/), or null (sources). */
export function builtModelWorker(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, MODEL_WORKER_FILE), join(here, '..', MODEL_WORKER_FILE)]) if (existsSync(p)) return p;
  return null;
}

/**
 * Where an ONNX model runs: 'worker' (the built worker file exists, or `workerFile` is given) or 'main'.
 * env EDGELAB_INFER=main forces this thread; EDGELAB_INFER=worker requires the built worker.
 */
export function modelThreadFor(workerFile?: string): { thread: 'worker' | 'main'; workerFile?: string } {
  const env = process.env.EDGELAB_INFER;
  if (env === 'main') return { thread: 'main' };
  const file = workerFile ?? builtModelWorker();
  if (file) return { thread: 'worker', workerFile: file };
  if (env === 'worker') throw new EdgeLabError('UNSUPPORTED', `model worker ${MODEL_WORKER_FILE} not built (run npm run build)`);
  return { thread: 'main' };
}

/** Buffers of the feeds that own their whole ArrayBuffer (the others are copied by postMessage). */
function transferable(feeds: Record<string, HostTensor>): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const t of Object.values(feeds)) {
    const b = t.data.buffer;
    if (b instanceof ArrayBuffer && t.data.byteOffset === 0 && t.data.byteLength === b.byteLength && !out.includes(b)) out.push(b);
  }
  return out;
}

export interface WorkerModelOptions {
  threads?: number;
  /**
   * Hand the feed tensors over instead of copying them: a feed whose array owns its whole buffer is transferred
   * (left detached, length 0, on the caller's side). For callers that drop their input after run (the replay's
   * detect node). Default false: feeds are copied and stay usable.
   */
  handOverFeeds?: boolean;
}

/** Loads the .onnx file `path` into a session on a new worker thread running `workerFile`. */
export async function loadOnnxInWorker(path: string, workerFile: string, options: WorkerModelOptions = {}): Promise<LoadedModel> {
  const handOver = options.handOverFeeds ?? false;
  const data: ModelWorkerData = { path, threads: options.threads };
  const worker = new Worker(workerFile, { workerData: data });
  const calls = new Map<number, { resolve: (r: TimedRun) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let failure: EdgeLabError | null = null;
  const failAll = (e: EdgeLabError) => {
    failure ??= e;
    for (const c of calls.values()) c.reject(e);
    calls.clear();
  };
  const fromPayload = (p: ErrorPayload) => EdgeLabError.fromPayload(p);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const loaded = new Promise<Extract<FromModelWorker, { type: 'loaded' }>>((resolve, reject) => {
    worker.on('message', (m: FromModelWorker) => {
      if (m.type === 'loaded') resolve(m);
      else if (m.type === 'load-error') reject(fromPayload(m.error));
      else if (m.type === 'result' || m.type === 'error') {
        const c = calls.get(m.id);
        calls.delete(m.id);
        if (m.type === 'error') c?.reject(fromPayload(m.error));
        else {
          // Epoch ms on the worker → this thread's performance.now() clock.
          const origin = performance.timeOrigin;
          c?.resolve({ outputs: m.outputs, startMs: m.startMs - origin, endMs: m.endMs - origin });
        }
      }
    });
    const died = (why: string) => {
      const e = new EdgeLabError('INTERNAL', `model worker ${workerFile} ${why}`, path);
      reject(e);
      failAll(e);
    };
    worker.on('error', (e) => died(`failed: ${e.message}`));
    worker.on('exit', () => died('exited'));
  });
  let info: Extract<FromModelWorker, { type: 'loaded' }>;
  try {
    info = await loaded;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  let disposed = false;
  const runTimed = (feeds: Record<string, HostTensor>, fetch?: string[]): Promise<TimedRun> => {
    if (disposed) return Promise.reject(new EdgeLabError('INTERNAL', 'model used after dispose', path));
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<TimedRun>((resolve, reject) => {
      calls.set(id, { resolve, reject });
      const msg: ToModelWorker = { type: 'run', id, feeds, ...(fetch ? { fetch } : {}) };
      worker.postMessage(msg, handOver ? transferable(feeds) : []);
    });
  };
  return {
    runtime: info.runtime,
    backend: info.backend,
    inputs: info.inputs,
    outputs: info.outputs,
    thread: 'worker',
    runTimed,
    async run(feeds, fetch) {
      return (await runTimed(feeds, fetch)).outputs;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (!failure) {
        const done = new Promise<void>((resolve) => worker.on('message', (m: FromModelWorker) => m.type === 'disposed' && resolve()));
        worker.postMessage({ type: 'dispose' } satisfies ToModelWorker);
        await Promise.race([done, exited]);
      }
      await worker.terminate();
      await exited;
    },
  };
}
