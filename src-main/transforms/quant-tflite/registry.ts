// Op → int8 quantizer registry for full-integer TFLite (what TF's converter writes with a representative dataset).
// Ops not listed keep float32 compute: int8 tensors reaching them pass a DEQUANTIZE, their outputs a QUANTIZE.
// Kinds (the parameter rule of the op's int8 output, from the TFLite kernels' Prepare checks):
//   weighted  CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED: input 0 int8 activation, input 1 int8 symmetric weights
//             (per-channel along `weightAxis`, FC included as TF 2.21's converter writes it), input 2 int32 bias
//             with scale = input_scale × weight_scale[c]; output from its calibrated range.
//   own       ADD, MUL, SUB, MEAN, RELU, RELU6, HARD_SWISH: every float input int8 with its own parameters (constants
//             per-tensor asymmetric from their values); output from its calibrated range.
//   same      RESHAPE, MAX_POOL_2D, RESIZE_*, TRANSPOSE, PAD…: data input 0 int8; the output takes input 0's scale and
//             zero point (the kernels check equality: pooling.cc, resize_bilinear.cc…).
//   shared    CONCATENATION, MAXIMUM, MINIMUM: output from its calibrated range; each input with other parameters is
//             requantized to the output's (QUANTIZE int8 → int8): concatenation.cc requires equal scales for int8,
//             maximum_minimum.cc compares the raw int8 values.
//   fixed     LOGISTIC, SOFTMAX (scale 1/256, zp −128), TANH (1/128, 0): output parameters fixed by the kernel.
// `version` is the operator version tensorflow/lite/tools/versioning/op_version.cc gives the int8 form.
import type { TfliteModel, TfliteOp } from '../../formats/tflite/model-ir';

export type TfliteQuantKind = 'weighted' | 'own' | 'same' | 'shared' | 'fixed';

export interface TfliteQuantizer {
  kind: TfliteQuantKind;
  /** Input indices that carry float data to quantize (others, e.g. int32 shapes/axes, are left as they are). */
  dataInputs(op: TfliteOp): number[];
  /** 'weighted': quantized_dimension of the weights (undefined: per-tensor). */
  weightAxis?: number;
  /** 'fixed': the output's parameters. */
  fixed?: { scale: number; zeroPoint: number };
  /** Operator version of the int8 form. */
  version(op: TfliteOp, m: TfliteModel): number;
}

const first = (op: TfliteOp): number[] => (op.inputs.length ? [0] : []);
const all = (op: TfliteOp): number[] => op.inputs.map((_, i) => i);
const v = (n: number) => (): number => n;

const weighted = (weightAxis: number | undefined, version: number): TfliteQuantizer => ({ kind: 'weighted', dataInputs: (op) => all(op).slice(0, 2), weightAxis, version: v(version) });
const own = (version: number, inputs: (op: TfliteOp) => number[] = all): TfliteQuantizer => ({ kind: 'own', dataInputs: inputs, version: v(version) });
const same = (version: number | ((op: TfliteOp, m: TfliteModel) => number), inputs: (op: TfliteOp) => number[] = first): TfliteQuantizer => ({
  kind: 'same',
  dataInputs: inputs,
  version: typeof version === 'number' ? v(version) : version,
});
const fixed = (scale: number, zeroPoint: number): TfliteQuantizer => ({ kind: 'fixed', dataInputs: first, fixed: { scale, zeroPoint }, version: v(2) });

/** RESIZE_*: version 3 with half_pixel_centers (or align_corners for nearest), else 2 (op_version.cc). */
const resizeVersion = (op: TfliteOp): number => (op.options?.half_pixel_centers === true || (op.op === 'RESIZE_NEAREST_NEIGHBOR' && op.options?.align_corners === true) ? 3 : 2);
/** Ops whose version grows past rank 4 (TRANSPOSE, STRIDED_SLICE, PAD). */
const rankVersion = (above4: number) => (op: TfliteOp, m: TfliteModel): number => ((m.tensors[op.inputs[0]]?.shape.length ?? 0) > 4 ? above4 : 2);

export const TFLITE_QUANTIZERS: Record<string, TfliteQuantizer> = {
  CONV_2D: weighted(0, 3),
  DEPTHWISE_CONV_2D: weighted(3, 3),
  FULLY_CONNECTED: weighted(0, 4),
  ADD: own(2),
  SUB: own(2),
  MUL: own(2), // 3 when in1 × in2 / out ≥ 1: set by apply.ts from the chosen scales (mulVersion)
  MEAN: own(2, first),
  RELU: own(2),
  RELU6: own(2),
  HARD_SWISH: own(1),
  MAXIMUM: { kind: 'shared', dataInputs: all, version: v(2) },
  MINIMUM: { kind: 'shared', dataInputs: all, version: v(2) },
  AVERAGE_POOL_2D: same(2),
  MAX_POOL_2D: same(2),
  RESHAPE: same(1),
  SQUEEZE: same(1),
  EXPAND_DIMS: same(1),
  TRANSPOSE: same(rankVersion(4)),
  PAD: same(rankVersion(4)),
  STRIDED_SLICE: same(rankVersion(4)),
  SLICE: same(2),
  RESIZE_BILINEAR: same(resizeVersion),
  RESIZE_NEAREST_NEIGHBOR: same(resizeVersion),
  SPLIT: same(2, (op) => (op.inputs.length > 1 ? [1] : [])), // inputs: axis, data
  SPLIT_V: same(2), // inputs: data, size_splits, axis
  CONCATENATION: { kind: 'shared', dataInputs: all, version: v(2) },
  LOGISTIC: fixed(1 / 256, -128),
  SOFTMAX: fixed(1 / 256, -128),
  TANH: fixed(1 / 128, 0),
};

/** MUL's int8 version: 3 when the rescale in1 × in2 / out is ≥ 1 (op_version.cc), else 2. */
export function mulVersion(in1: number, in2: number, out: number): number {
  return (in1 * in2) / out >= 1 ? 3 : 2;
}

export function tfliteQuantizer(op: string): TfliteQuantizer | undefined {
  return TFLITE_QUANTIZERS[op];
}
