// Per-tensor affine (de)quantization of TFLite boundary tensors (schema.fbs QuantizationParameters):
// real = scale · (q − zeroPoint); q = clamp(round(real / scale) + zeroPoint) with round half away from zero
// (std::round, as TFLite's QUANTIZE kernel). Re-quantizing a dequantized value gives back the same q.

const RANGE: Record<string, [number, number]> = { int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767] };

/** True for the element types this file (de)quantizes. */
export function isQuantizedDtype(dtype: string): boolean {
  return dtype in RANGE;
}

function roundAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Real values → `dtype` (int8/uint8/int16), saturating. */
export function quantizeValues(x: ArrayLike<number>, dtype: string, scale: number, zeroPoint: number): Int8Array | Uint8Array | Int16Array {
  const [lo, hi] = RANGE[dtype] ?? RANGE.int8;
  const out = dtype === 'uint8' ? new Uint8Array(x.length) : dtype === 'int16' ? new Int16Array(x.length) : new Int8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.min(hi, Math.max(lo, roundAway(x[i] / scale) + zeroPoint));
  return out;
}

/** Quantized values → real float32. */
export function dequantizeValues(q: ArrayLike<number>, scale: number, zeroPoint: number): Float32Array {
  const f = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) f[i] = scale * (q[i] - zeroPoint);
  return f;
}
