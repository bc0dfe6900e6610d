// A "tapped" model: every intermediate float tensor exposed, run frame by frame. One opener per format
// (onnx-taps.ts augments graph outputs on a copy, as onnxruntime's calibration tool does; tfjs-taps.ts
// executes the graph with the node names as outputs). Used by per-layer error and mixed precision.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat } from '../../src-shared/types/model';
import type { HostTensor } from '../runtimes/types';
import { openOnnxTaps } from './onnx-taps';
import { openTfjsTaps } from '../formats/tfjs/taps';

export interface TapInfo {
  /** Tensor name as fetched (ONNX output name; TF.js node name). */
  tensor: string;
  /** Producing node's name (or `<op>#<index>` when unnamed) and op type. */
  node: string;
  op: string;
  /** Tensors this node reads (graph inputs and weights included). */
  inputs: string[];
}

export interface TappedModel {
  file: string;
  /** Name of the model's (first) image input. */
  inputNames: string[];
  taps: TapInfo[];
  /** Runs one frame; returns float values (float16 widened) of the requested taps (default: all). */
  run(feeds: Record<string, HostTensor>, tensors?: string[]): Promise<Map<string, Float32Array>>;
  dispose(): Promise<void>;
}

export type TapOpener = (file: string) => Promise<TappedModel>;

export const TAP_OPENERS: Record<ModelFormat, TapOpener> = {
  onnx: openOnnxTaps,
  'tfjs-graph': openTfjsTaps,
};

export function openTaps(file: string, format: ModelFormat): Promise<TappedModel> {
  const open = TAP_OPENERS[format];
  if (!open) throw new EdgeLabError('UNSUPPORTED', `per-layer taps do not read ${format} models`, file);
  return open(file);
}
