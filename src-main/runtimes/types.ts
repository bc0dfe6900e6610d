// A runtime executes a model file. Registered in runtimes/registry.ts; the pipeline picks one by format.
import type { ModelFormat, TensorInfo } from '../../src-shared/types/model';

/** A dense host tensor, row-major; `data.length` equals the product of `shape`. */
export interface HostTensor {
  data: Float32Array | Int32Array | Uint8Array;
  shape: number[];
  dtype: 'float32' | 'int32' | 'uint8';
}

export interface LoadedModel {
  runtime: string;
  /** Backend or execution provider in use, e.g. 'wasm', 'cpu', 'tensorflow', 'CPUExecutionProvider'. */
  backend: string;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Runs one inference. Output names follow `outputs`; all outputs are returned unless `fetch` names some. */
  run(feeds: Record<string, HostTensor>, fetch?: string[]): Promise<Record<string, HostTensor>>;
  /** Frees sessions/tensors; the model may not be used afterwards. */
  dispose(): Promise<void>;
  /** Where `run` computes: 'worker' for a model on its own thread (runtimes/worker-model.ts); absent = the caller's. */
  thread?: 'worker';
  /**
   * Optional: `run` plus when the model itself ran, on the caller's performance.now() clock (ms), excluding any wait
   * in a queue or message transit (runtimes/worker-model.ts).
   */
  runTimed?(feeds: Record<string, HostTensor>, fetch?: string[]): Promise<TimedRun>;
}

export interface TimedRun {
  outputs: Record<string, HostTensor>;
  /** performance.now() of this thread at the start / end of the model's run, ms. */
  startMs: number;
  endMs: number;
}

export interface RuntimeAvailability {
  available: boolean;
  backend?: string;
  detail?: string;
}

export interface LoadOptions {
  /** Intra-op threads (runtimes that have a thread pool). */
  threads?: number;
  /**
   * Model bytes to load in place of the file's: a copy of it with extra graph outputs (runtimes/tapped.ts).
   * `path` still names the model in errors. A runtime that loads only from files refuses it (INTERNAL).
   */
  bytes?: Uint8Array;
  /**
   * false: no pre-planned activation block (onnxruntime's enableMemPattern off). Lower peak RSS for a graph with
   * many extra outputs (calibration's tapped model: CenterNet 845 → 580 MB), at some speed.
   */
  memPattern?: boolean;
}

export interface Runtime {
  name: string;
  formats: ModelFormat[];
  availability(): Promise<RuntimeAvailability>;
  /** `path` is the .onnx file or the model.json. Throws EdgeLabError('BAD_INPUT', …, path) on a bad file. */
  load(path: string, options?: LoadOptions): Promise<LoadedModel>;
}
