// Quantization parameters and constant data of full-integer TFLite, as TF's converter computes them.
// real = scale × (q − zeroPoint). Scales are rounded to float32 (what the file stores) BEFORE values are quantized
// with them, so the stored bytes and the stored scale agree exactly. Rounding: half away from zero (std::round).
//  - activations: int8 asymmetric per-tensor over [min(lo, 0), max(hi, 0)] (0 exactly representable);
//  - weights: int8 symmetric per-channel, zero point 0, values in [−127, 127] (narrow range, as TFLite's kernels
//    expect for filters);
//  - bias: int32, scale = input_scale × weight_scale[c], zero point 0;
//  - other constants (ADD/MUL operands): int8 asymmetric per-tensor from the constant's own min/max.
import type { TfliteQuant, TfliteTensor } from '../../formats/tflite/model-ir';

export interface AffineParams {
  scale: number;
  zeroPoint: number;
}

const f32 = Math.fround;
const roundAway = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

/** int8 asymmetric parameters of the real range [lo, hi] (widened to contain 0). A zero-width range gets scale 1. */
export function int8Params(lo: number, hi: number): AffineParams {
  const a = Math.min(lo, 0);
  const b = Math.max(hi, 0);
  if (!(b - a > 0) || !Number.isFinite(b - a)) return { scale: 1, zeroPoint: 0 };
  const scale = f32((b - a) / 255);
  const zp = Math.min(127, Math.max(-128, roundAway(-128 - a / scale)));
  return { scale, zeroPoint: zp };
}

export function perTensor(p: AffineParams): TfliteQuant {
  return { scale: [p.scale], zeroPoint: [p.zeroPoint] };
}

/** Float values → int8 with one (scale, zp). */
export function quantizeInt8(x: ArrayLike<number>, p: AffineParams): Int8Array {
  const out = new Int8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.min(127, Math.max(-128, roundAway(x[i] / p.scale) + p.zeroPoint));
  return out;
}

const bytes = (a: Int8Array | Int32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Weights `w` of `shape`: int8 symmetric per-channel along `axis` (per-tensor when axis is undefined). */
export function quantizeWeights(w: Float32Array, shape: number[], axis: number | undefined): { data: Uint8Array; quant: TfliteQuant; scales: number[] } {
  const channels = axis === undefined ? 1 : shape[axis];
  const inner = axis === undefined ? 1 : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const chan = (i: number): number => (axis === undefined ? 0 : Math.floor(i / inner) % channels);
  const amax = new Float64Array(channels);
  for (let i = 0; i < w.length; i++) amax[chan(i)] = Math.max(amax[chan(i)], Math.abs(w[i]));
  const scales = Array.from(amax, (m) => (m > 0 ? f32(m / 127) : 1));
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.min(127, Math.max(-127, roundAway(w[i] / scales[chan(i)])));
  const quant: TfliteQuant = { scale: scales, zeroPoint: scales.map(() => 0), ...(axis === undefined ? {} : { quantizedDimension: axis }) };
  return { data: bytes(q), quant, scales };
}

/** Bias `b` (one value per output channel): int32 with scale inputScale × weightScales[c] (one scale when per-tensor). */
export function quantizeBias(b: Float32Array, inputScale: number, weightScales: number[]): { data: Uint8Array; quant: TfliteQuant } {
  const scales = Array.from(b, (_, c) => f32(inputScale * weightScales[weightScales.length === 1 ? 0 : c]));
  const q = new Int32Array(b.length);
  for (let c = 0; c < b.length; c++) q[c] = Math.min(2147483647, Math.max(-2147483648, roundAway(b[c] / scales[c])));
  const perChannel = weightScales.length > 1;
  const quant: TfliteQuant = perChannel ? { scale: scales, zeroPoint: scales.map(() => 0), quantizedDimension: 0 } : { scale: [scales[0] ?? f32(inputScale * weightScales[0])], zeroPoint: [0] };
  return { data: bytes(q), quant };
}

/** A float32 constant's min/max. */
export function constRange(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of values) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return lo === Infinity ? [0, 0] : [lo, hi];
}

/** A float32 constant quantized to int8 per-tensor with `p` (its own range's parameters unless given). */
export function quantizeConst(t: TfliteTensor, values: Float32Array, p: AffineParams): TfliteTensor {
  return { name: t.name, type: 'int8', shape: t.shape, ...(t.shapeSignature ? { shapeSignature: t.shapeSignature } : {}), data: bytes(quantizeInt8(values, p)), quant: perTensor(p) };
}
