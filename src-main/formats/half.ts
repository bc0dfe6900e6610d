// IEEE 754 binary16 (half float) encode/decode: the one copy, for the format homes (ONNX float16, TF.js float16
// storage), the runtimes (widening ORT float16 outputs) and embedding payloads.
// Hand-written because neither tfjs nor onnxruntime exposes a public float32→float16 encoder, and Node 20
// has no Math.f16round / Float16Array. Encoding rounds to nearest, ties to even; magnitudes below the
// smallest subnormal's half go to ±0, above the largest finite (65504, after rounding) to ±Inf; NaN stays
// NaN (quiet bit set); the sign of zero is kept.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 value → its nearest binary16 bit pattern (0..0xFFFF). */
export function float32ToFloat16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0); // Inf / NaN
  const e = exp - 127 + 15; // rebiased exponent
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    // Subnormal half (or zero): value = m × 2^-24 with m = (1.mant) shifted right by 14 - e.
    if (e < -10) return sign; // below 2^-25: rounds to zero
    const m = mant | 0x800000;
    const shift = 14 - e;
    let h = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h; // h may round up into 0x400 = the smallest normal, which is correct
  }
  let h = sign | (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++; // a carry may run into the exponent, up to Inf: correct
  return h;
}

/** binary16 bit pattern → its exact float32/float64 value. */
export function float16BitsToFloat32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Encodes a whole array; the result's bytes are little-endian on every platform Node runs on here. */
export function encodeFloat16(src: Float32Array): Uint16Array {
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = float32ToFloat16Bits(src[i]);
  return out;
}

export function decodeFloat16(src: Uint16Array): Float32Array {
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = float16BitsToFloat32(src[i]);
  return out;
}
