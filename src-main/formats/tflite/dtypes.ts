// THE TFLite element-type table: schema.fbs enum TensorType → EdgeLab dtype name and bits per element
// (0: variable length or opaque). Source: tensorflow/compiler/mlir/lite/schema/schema.fbs. Data, not logic.
/** TensorType enum → name and bits per element (0: variable length or opaque). */
export const TFLITE_TYPES: Record<number, [string, number]> = {
  0: ['float32', 32], 1: ['float16', 16], 2: ['int32', 32], 3: ['uint8', 8], 4: ['int64', 64], 5: ['string', 0],
  6: ['bool', 8], 7: ['int16', 16], 8: ['complex64', 64], 9: ['int8', 8], 10: ['float64', 64], 11: ['complex128', 128],
  12: ['uint64', 64], 13: ['resource', 0], 14: ['variant', 0], 15: ['uint32', 32], 16: ['uint16', 16], 17: ['int4', 4],
  18: ['bfloat16', 16], 19: ['int2', 2], 20: ['uint4', 4], 21: ['float8e4m3fn', 8], 22: ['float8e5m2', 8],
};

/** Name and bits of a TensorType code; `tflite-type-<code>` with 0 bits for a code not in the table. */
export function tfliteDtype(code: number): { name: string; bits: number } {
  const t = TFLITE_TYPES[code];
  return t ? { name: t[0], bits: t[1] } : { name: `tflite-type-${code}`, bits: 0 };
}
