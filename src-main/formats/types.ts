// The contracts of a format home (formats/<format>/, listed in formats/registry.ts): a reader — a cheap
// `match` on the first bytes and the file name, then `inspect` (Netron's pattern) — and, for formats a runtime
// executes, a tapper that says which tensors can be exposed and how (runtimes/tapped.ts opens the result).
import type { InspectFormat, InspectResult } from '../../src-shared/types/model';

export interface ModelReader {
  format: InspectFormat;
  /** Inspect only: no runtime or transform reads this format (TFLite). */
  readOnly?: boolean;
  /** Cheap: looks at up to the first 4 KiB and the path only; never throws. */
  match(head: Uint8Array, path: string): boolean;
  /** Parses the model fully; throws EdgeLabError('BAD_INPUT', problem, file) on a bad or truncated file. */
  inspect(path: string): Promise<InspectResult>;
}

/** One tapped tensor and the node producing it. */
export interface TapInfo {
  /** Tensor name as fetched (ONNX output name; TF.js node name, or `node:k` for output k). */
  tensor: string;
  /** Producing node's name (or `<op>#<index>` when unnamed; the tensor itself for a graph input) and op type. */
  node: string;
  op: string;
  /** Tensors this node reads (graph inputs and weights included). */
  inputs: string[];
  /** ONNX QDQ: the DequantizeLinear output that consumers read for this tensor (through QuantizeLinear →
   * DequantizeLinear): the tensor as the quantized model uses it. A producer that absorbed its Relu/Clip writes
   * the activation's name unclipped; only this value is clipped (per-layer error compares it). */
  dequantized?: string;
}

/**
 * What to tap. Named tensors (`reduce`: 'minmax' fetches each one's [min, max] instead of its values; 'sample' a strided sample
 * of it plus its exact extremes, formats/onnx/tap-sample.ts — where the format can, else the whole tensor), or every
 * float intermediate.
 */
export type TapRequest = { tensors: string[]; reduce?: 'minmax' | 'sample'; /** 'sample': elements per frame aimed at (default SAMPLE_TARGET). */ sampleTarget?: number } | 'float-intermediates';

export interface TapPlan {
  /** The tapped tensors, in graph order for 'float-intermediates', in request order otherwise. */
  taps: TapInfo[];
  /** Bytes the runtime loads instead of the file (a copy with the taps added as graph outputs), when the format needs one. */
  bytes?: Uint8Array;
  /** With `reduce: 'minmax'` where the format can: tensor → the [min, max] scalar outputs to fetch instead. */
  reduced?: Map<string, [string, string]>;
  /** With `reduce: 'sample'` where the format can: tensor → the outputs of its sample (formats/onnx/tap-sample.ts). */
  sampled?: Map<string, SampledTap>;
}

/** The outputs fetched for one sampled tensor: its exact min and max, its element count, and the strided sample. */
export interface SampledTap {
  min: string;
  max: string;
  n: string;
  sample: string;
}

export interface Tapper {
  /** Reads the model file; throws NOT_FOUND when it cannot be read, BAD_INPUT for a bad model or a name it does not hold. */
  plan(file: string, request: TapRequest): Promise<TapPlan>;
}
