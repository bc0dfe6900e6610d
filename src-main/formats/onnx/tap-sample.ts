// Sampled taps of an ONNX model (taps.ts, `reduce: 'sample'`): what entropy calibration reads of each tensor
// (calibration/collect.ts), computed inside the graph. Per tapped tensor x of N elements:
//   min, max   ReduceMin / ReduceMax over all axes: the exact extremes (the histogram's range must hold them);
//   n          Size(x): N (int64);
//   sample     every k-th element of x flattened (NCHW order), k = 2·⌊N / 2T⌋ + 1: all of x when N < 2T, else
//              between ⅔·T and 4⁄3·T of its elements. k is odd, so for a power-of-two width the samples walk
//              through every column instead of one border column. T = sampleTarget(frames): about 2^20 samples per
//              tensor over the calibration set, at least SAMPLE_TARGET per frame (100 frames: T = 16,384).
// Why: with every tapped tensor a graph output, onnxruntime kept all of them alive until the run ended and each was
// copied into JavaScript and binned, every frame (CenterNet, entropy, 100 frames: 62 s, peak RSS 1.24 GB; sampled:
// 14 s, 443 MB). The sample keeps the histogram's shape at a fraction of the bytes; the exact extremes its range.
import type { onnx } from 'onnx-proto';
import type { SampledTap } from '../types';
import { onnxPb } from './codec';
import { DT } from './dtypes';
import { initializer, uniqueName } from './edit';

/** About the elements a tensor's sample holds per frame, at least (⅔ to 4⁄3 of the target; a tensor below twice it is read whole). */
export const SAMPLE_TARGET = 16_384;
/** Samples per tensor over the whole calibration set the per-frame target aims at (few frames → larger samples). */
export const SAMPLES_PER_TENSOR = 1 << 20;

/** The per-frame target for a calibration set of `frames` frames: SAMPLES_PER_TENSOR spread over them, at least SAMPLE_TARGET. */
export function sampleTarget(frames: number): number {
  return Math.max(SAMPLE_TARGET, Math.ceil(SAMPLES_PER_TENSOR / Math.max(1, frames)));
}
/** Lowest default-domain opset with Slice's `steps` input. */
export const SAMPLE_MIN_OPSET = 10;


/** Appends to `g` one node `opType`(`input`) writing the new tensor `<t>__edgelab_<suffix>` (unique); returns its name. */
function addTapNode(g: onnx.IGraphProto, t: string, opType: string, input: string[], suffix: string, taken: Set<string>, attribute: onnx.IAttributeProto[] = []): string {
  const out = uniqueName(`${t}__edgelab_${suffix}`, taken);
  g.node!.push(onnxPb.NodeProto.create({ name: uniqueName(out, taken), opType, input, output: [out], attribute }));
  return out;
}

/**
 * Adds to `g` ReduceMin and ReduceMax of tensor `t` over all axes (no axes attribute or input: every opset reduces
 * everything), keepdims 0, and returns their scalar outputs' names [min, max] (minmax calibration's taps too).
 */
export function addExtremeNodes(g: onnx.IGraphProto, t: string, taken: Set<string>): [string, string] {
  const keepdims0 = [onnxPb.AttributeProto.create({ name: 'keepdims', type: 2, i: 0 })];
  return [addTapNode(g, t, 'ReduceMin', [t], 'reduce_min', taken, keepdims0), addTapNode(g, t, 'ReduceMax', [t], 'reduce_max', taken, keepdims0)];
}

/**
 * Adds to `g` the nodes computing the sample outputs of tensor `t` and returns their names (graph outputs are the
 * caller's). Shared int64 constants are added once per graph (their names are kept in `consts`).
 */
export function addSampleNodes(g: onnx.IGraphProto, t: string, target: number, taken: Set<string>, consts: Map<string, string>): SampledTap {
  const constant = (key: string, values: number[], dims: number[]) => {
    let name = consts.get(key);
    if (!name) {
      name = uniqueName(`edgelab_sample_${key}`, taken);
      (g.initializer ??= []).push(initializer(name, DT.INT64, dims, BigInt64Array.from(values, (v) => BigInt(v))));
      consts.set(key, name);
    }
    return name;
  };
  const flatShape = constant('flat', [-1], [1]);
  const twoTarget = constant('two_target', [2 * target], []);
  const two = constant('two', [2], []);
  const one = constant('one', [1], []);
  const zero1 = constant('zero1', [0], [1]);
  const end1 = constant('end1', [Number.MAX_SAFE_INTEGER], [1]);
  const node = (opType: string, input: string[], suffix: string) => addTapNode(g, t, opType, input, suffix, taken);
  const [min, max] = addExtremeNodes(g, t, taken);
  const n = node('Size', [t], 'size');
  // k = 2·⌊n / 2T⌋ + 1 (int64 Div truncates), as a 1-element tensor for Slice.
  const k = node('Add', [node('Mul', [node('Div', [n, twoTarget], 'k_div'), two], 'k_mul'), one], 'k');
  const steps = node('Reshape', [k, flatShape], 'k_1d');
  const flat = node('Reshape', [t, flatShape], 'flat');
  const sample = node('Slice', [flat, zero1, end1, zero1, steps], 'sample');
  return { min, max, n, sample };
}

/**
 * What calibration gets for a sampled tensor from the fetched outputs: the sample with the exact min and max
 * appended when it is a strict subset (so the histogram's extremes are the tensor's), the whole tensor as is.
 */
export function sampledValues(sample: Float32Array, n: number, min: number, max: number): Float32Array {
  if (sample.length >= n) return sample;
  const out = new Float32Array(sample.length + 2);
  out.set(sample);
  out[sample.length] = min;
  out[sample.length + 1] = max;
  return out;
}
