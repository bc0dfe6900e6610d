// Worker-thread entry (built to out/main/model-worker.js): owns one onnxruntime session (runtimes/onnx-runtime.ts)
// and runs the inferences worker-model.ts posts, one after the other. onnxruntime-node's session.run is synchronous
// on the calling thread (its promise only defers the call), so running it here frees the consumer's thread for the
// rest of the graph (decode hand-off, preprocess, tracking) while the detector works.
import { parentPort, workerData } from 'node:worker_threads';
import { EdgeLabError } from '../../src-shared/protocol';
import { onnxRuntime } from './onnx-runtime';
import type { FromModelWorker, ModelWorkerData, ToModelWorker } from './model-worker-messages';
import type { LoadedModel } from './types';

const port = parentPort;
if (!port) throw new Error('model-worker: not started as a worker thread');
const data = workerData as ModelWorkerData;
const post = (m: FromModelWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const epochNow = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  let model: LoadedModel;
  try {
    model = await onnxRuntime.load(data.path, { threads: data.threads });
  } catch (e) {
    post({ type: 'load-error', error: EdgeLabError.toPayload(e) });
    port!.close();
    return;
  }
  post({ type: 'loaded', runtime: model.runtime, backend: model.backend, inputs: model.inputs, outputs: model.outputs });
  // Requests are chained so they run in order even though each run is awaited.
  let chain = Promise.resolve();
  port!.on('message', (m: ToModelWorker) => {
    chain = chain.then(async () => {
      if (m.type === 'dispose') {
        await model.dispose();
        post({ type: 'disposed' });
        port!.close();
        return;
      }
      try {
        const startMs = epochNow();
        const outputs = await model.run(m.feeds, m.fetch);
        const endMs = epochNow();
        // onnx-runtime.ts copies every output into its own exactly-sized array: transfer them whole.
        post({ type: 'result', id: m.id, outputs, startMs, endMs }, Object.values(outputs).map((t) => t.data.buffer as ArrayBuffer));
      } catch (e) {
        post({ type: 'error', id: m.id, error: EdgeLabError.toPayload(e) });
      }
    });
  });
}

void main();
