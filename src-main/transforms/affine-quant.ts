// Per-tensor affine (asymmetric) weight quantization as the stock tfjs converter writes it for
// `--quantize_uint8` / `--quantize_uint16` (tensorflowjs/quantization.py, write_weights.py), decoded by
// tfjs-core io `decodeWeight` as  value = q · scale + min  (float64 maths, stored into a Float32Array).
// Encoding (same as the converter):
//   scale = (max − min) / qmax                      qmax = 255 (uint8) or 65535 (uint16)
//   if min ≤ 0 ≤ max: zp = roundHalfEven(−min / scale); min' = −zp · scale   (zero exactly representable:
//                     q = zp decodes to zp·scale + (−zp·scale) = 0 exactly)
//   q = roundHalfEven((clip(x, min', min' + qmax·scale) − min') / scale)   ∈ [0, qmax]
//   a constant tensor (min = max) stores all zeros with scale 1, min = the constant.
// Differences from the Python converter: maths in float64 throughout (numpy mixes float32 data with float64
// scalars), and non-finite weights are refused instead of producing NaN codes.
import { EdgeLabError } from '../../src-shared/protocol';

export type AffineDtype = 'uint8' | 'uint16';
export const AFFINE_QMAX: Record<AffineDtype, number> = { uint8: 255, uint16: 65535 };

/** Round to nearest integer, ties to even (numpy.round, ONNX QuantizeLinear, tf.round). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // ties toward +∞
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The manifest's `quantization` parameters: decode with q · scale + min. */
export interface AffineParams {
  scale: number;
  min: number;
}

/** Range → (scale, nudged min) for `dtype`, plus the nudged max (min + qmax·scale). Requires lo < hi. */
export function affineParams(lo: number, hi: number, dtype: AffineDtype): AffineParams & { max: number } {
  const qmax = AFFINE_QMAX[dtype];
  const scale = (hi - lo) / qmax;
  if (lo <= 0 && 0 <= hi) {
    const zp = roundHalfEven(-lo / scale);
    const min = -zp * scale;
    return { scale, min, max: qmax * scale + min };
  }
  return { scale, min: lo, max: hi };
}

export interface AffineQuantized extends AffineParams {
  values: Uint8Array | Uint16Array;
}

/** Quantizes a float tensor per tensor. `what` names the weight in errors (non-finite values). */
export function quantizeAffine(data: ArrayLike<number>, dtype: AffineDtype, what = 'tensor', file?: string): AffineQuantized {
  const n = data.length;
  const values = dtype === 'uint8' ? new Uint8Array(n) : new Uint16Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = data[i];
    if (!Number.isFinite(x)) throw new EdgeLabError('BAD_INPUT', `weight '${what}' holds a non-finite value (${x}) at element ${i}; cannot quantize`, file);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (n === 0) return { values, scale: 1, min: 0 };
  if (lo === hi) return { values, scale: 1, min: lo };
  const p = affineParams(lo, hi, dtype);
  const qmax = AFFINE_QMAX[dtype];
  for (let i = 0; i < n; i++) {
    const x = Math.min(p.max, Math.max(p.min, data[i]));
    values[i] = Math.min(qmax, Math.max(0, roundHalfEven((x - p.min) / p.scale)));
  }
  return { values, scale: p.scale, min: p.min };
}

/** What stock tfjs gives at load: Float32Array of q · scale + min. */
export function dequantizeAffine(values: ArrayLike<number>, p: AffineParams): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * p.scale + p.min;
  return out;
}
