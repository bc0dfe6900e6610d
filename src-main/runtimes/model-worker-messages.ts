// Messages between worker-model.ts (the consumer thread) and model-worker.ts (the thread owning the onnxruntime
// session). One request at a time is run, in the order posted; every `run` gets exactly one `result` or `error`
// with its id. Feed and output tensor buffers are transferred (no copy).
import type { ErrorPayload } from '../../src-shared/protocol';
import type { TensorInfo } from '../../src-shared/types/model';
import type { HostTensor } from './types';

export interface ModelWorkerData {
  /** The .onnx file. */
  path: string;
  threads?: number;
}

export type ToModelWorker =
  | { type: 'run'; id: number; feeds: Record<string, HostTensor>; fetch?: string[] }
  /** Release the session and close the port (the last message). */
  | { type: 'dispose' };

export type FromModelWorker =
  | { type: 'loaded'; runtime: string; backend: string; inputs: TensorInfo[]; outputs: TensorInfo[] }
  | { type: 'load-error'; error: ErrorPayload }
  /**
   * `startMs`/`endMs`: the worker's model.run, as epoch ms (performance.timeOrigin + performance.now() on the worker),
   * so the consumer can place it on its own clock.
   */
  | { type: 'result'; id: number; outputs: Record<string, HostTensor>; startMs: number; endMs: number }
  | { type: 'error'; id: number; error: ErrorPayload }
  | { type: 'disposed' };
