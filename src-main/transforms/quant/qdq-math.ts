// Quantization arithmetic as ONNX QuantizeLinear/DequantizeLinear define it:
//   q = saturate(round_half_even(x / scale) + zero_point),   x' = (q − zero_point) · scale.
// Scales are float32 (they are stored as FLOAT initializers), so every scale is passed through
// Math.fround before use; zero points are integers inside the quantized type's range.
// Invariants: scale > 0 (never 0, never NaN); real 0 is exactly representable (it maps to zero_point).

/** Quantized integer types EdgeLab writes, with their saturation range. */
export const QRANGE = {
  uint8: { min: 0, max: 255 },
  /** int8 weights are symmetric: −128 is never used, so that −q is always representable (as ORT does). */
  int8: { min: -127, max: 127 },
  int32: { min: -2147483648, max: 2147483647 },
} as const;
export type QType = keyof typeof QRANGE;

/** Round half to even (banker's rounding), as ONNX QuantizeLinear requires; Math.round rounds half up. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function saturate(q: number, t: QType): number {
  const r = QRANGE[t];
  return q < r.min ? r.min : q > r.max ? r.max : q;
}

/** One value → quantized integer of type `t`. NaN quantizes to zero_point (ORT does the same). */
export function quantizeValue(x: number, scale: number, zeroPoint: number, t: QType): number {
  const v = x / scale;
  if (Number.isNaN(v)) return zeroPoint;
  return saturate(roundHalfEven(v) + zeroPoint, t);
}

export function dequantizeValue(q: number, scale: number, zeroPoint: number): number {
  return (q - zeroPoint) * scale;
}

export interface QParams {
  /** float32 scale, > 0. */
  scale: number;
  zeroPoint: number;
}

/**
 * uint8 asymmetric parameters for a real range [lo, hi] (activations). The range is first widened to
 * contain 0 so that 0 is exact; an empty range (lo = hi = 0) gets scale 1, zero point 0.
 */
export function asymmetricUint8(lo: number, hi: number): QParams {
  const rmin = Math.min(lo, 0);
  const rmax = Math.max(hi, 0);
  if (!Number.isFinite(rmin) || !Number.isFinite(rmax)) throw new RangeError(`range [${lo}, ${hi}] is not finite`);
  let scale = Math.fround((rmax - rmin) / 255);
  if (!(scale > 0)) return { scale: 1, zeroPoint: 0 };
  const zeroPoint = saturate(roundHalfEven(-rmin / scale), 'uint8') || 0; // || 0: no -0 zero point
  return { scale, zeroPoint };
}

/**
 * Largest int8 weight magnitude: 127 (full range), or 63 with "reduce range" (7-bit weights, ORT's
 * reduce_range): x86 U8S8 kernels without VNNI add pairs of u8·s8 products in int16 (vpmaddubsw), which
 * saturates when 2·255·|w| > 32767, i.e. for |w| > 64.
 */
export const INT8_QMAX = 127;
export const INT8_QMAX_REDUCED = 63;

/** int8 symmetric scale for a max |x| (weights): zero point 0, scale = absMax / qmax (1 when absMax is 0). */
export function symmetricInt8Scale(absMax: number, qmax: number = INT8_QMAX): number {
  if (!Number.isFinite(absMax)) throw new RangeError(`max |x| ${absMax} is not finite`);
  const s = Math.fround(absMax / qmax);
  return s > 0 ? s : 1;
}

/**
 * Per-channel symmetric int8 quantization of a row-major float tensor of shape `dims` along `axis`.
 * Returns the int8 values (same layout) and one float32 scale per channel (length dims[axis]).
 */
export function quantizePerChannelInt8(values: Float32Array, dims: number[], axis: number, qmax: number = INT8_QMAX): { q: Int8Array; scales: Float32Array } {
  if (axis < 0 || axis >= dims.length) throw new RangeError(`axis ${axis} out of range for rank ${dims.length}`);
  const channels = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const absMax = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    const a = Math.abs(values[i]);
    if (a > absMax[c]) absMax[c] = a;
  }
  const scales = Float32Array.from(absMax, (m) => symmetricInt8Scale(m, qmax));
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    q[i] = quantizeValue(values[i], scales[c], 0, 'int8');
  }
  return { q, scales };
}

/** Per-tensor uint8 asymmetric quantization of constant values (constant inputs of Add/Mul/Concat…). */
export function quantizeTensorUint8(values: Float32Array): { q: Uint8Array; params: QParams } {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const params = asymmetricUint8(lo, hi);
  return { q: Uint8Array.from(values, (v) => quantizeValue(v, params.scale, params.zeroPoint, 'uint8')), params };
}

/**
 * Bias → int32 with per-channel scale inputScale · weightScale[c] and zero point 0 (what QLinearConv /
 * ORT's QDQ bias use). A product that underflows to 0 in float32 is replaced by the smallest normal float.
 */
export function quantizeBiasInt32(bias: Float32Array, inputScale: number, weightScales: Float32Array): { q: Int32Array; scales: Float32Array } {
  if (weightScales.length !== bias.length && weightScales.length !== 1) {
    throw new RangeError(`bias has ${bias.length} channels, weight scales ${weightScales.length}`);
  }
  const scales = new Float32Array(bias.length);
  const q = new Int32Array(bias.length);
  for (let c = 0; c < bias.length; c++) {
    const s = Math.fround(inputScale * weightScales[weightScales.length === 1 ? 0 : c]);
    scales[c] = s > 0 ? s : 1.1754943508222875e-38;
    q[c] = quantizeValue(bias[c], scales[c], 0, 'int32');
  }
  return { q, scales };
}
