// THE TensorFlow / TF.js dtype table: TF DataType enum (its number and its 'DT_*' name, both of which
// tfjs-converter writes into model.json attrs and signatures) ↔ EdgeLab's dtype name ↔ the dtype TF.js gives
// such a tensor at run time (uint8/int64… load as int32, half/double as float32), with bytes per element.
// Every other TF dtype lookup (reader, taps, the int8 simulation plan, the tfjs→ONNX converter, weight
// manifests) derives from these rows. Enum values: tensorflow/core/framework/types.proto.

const ROWS = [
  [1, 'DT_FLOAT', 'float32', 'float32', 4],
  [2, 'DT_DOUBLE', 'float64', 'float32', 8],
  [3, 'DT_INT32', 'int32', 'int32', 4],
  [4, 'DT_UINT8', 'uint8', 'int32', 1],
  [5, 'DT_INT16', 'int16', 'int32', 2],
  [6, 'DT_INT8', 'int8', 'int32', 1],
  [7, 'DT_STRING', 'string', 'string', undefined],
  [8, 'DT_COMPLEX64', 'complex64', 'complex64', 8],
  [9, 'DT_INT64', 'int64', 'int32', 8],
  [10, 'DT_BOOL', 'bool', 'bool', 1],
  [14, 'DT_BFLOAT16', 'bfloat16', 'float32', 2],
  [17, 'DT_UINT16', 'uint16', 'int32', 2],
  [19, 'DT_HALF', 'float16', 'float32', 2],
  [22, 'DT_UINT32', 'uint32', 'int32', 4],
] as const;

interface TfDtype {
  code: number;
  /** 'DT_FLOAT' … */
  tf: string;
  /** EdgeLab's name: 'float32', 'float16', 'uint8' … */
  name: string;
  /** What TF.js holds such a tensor as at run time. */
  tfjs: string;
  /** Bytes per element (undefined: variable length). */
  bytes: number | undefined;
}

const TABLE: TfDtype[] = ROWS.map(([code, tf, name, tfjs, bytes]) => ({ code, tf, name, tfjs, bytes }));
/** By enum number ('1') and by 'DT_*' name: model.json carries either. */
const BY_ATTR = new Map<string, TfDtype>(TABLE.flatMap((d) => [[String(d.code), d], [d.tf, d]] as [string, TfDtype][]));
const BY_NAME = new Map<string, TfDtype>(TABLE.map((d) => [d.name, d]));

/** EdgeLab dtype name of a TF DataType attr value (1 / '1' / 'DT_FLOAT' → 'float32'); undefined when unknown. */
export function tfDtypeName(t: unknown): string | undefined {
  return BY_ATTR.get(String(t))?.name;
}

/** The dtype TF.js gives a tensor of this TF DataType ('DT_UINT8' → 'int32'); 'unknown' when not in the table. */
export function tfjsDtypeOf(t: unknown): string {
  return BY_ATTR.get(String(t))?.tfjs ?? 'unknown';
}

/** True for a float32 TF DataType attr value. */
export function isTfFloat32(t: unknown): boolean {
  return tfDtypeName(t) === 'float32';
}

/** True for the float activations TF.js computes in float32 (float32 and half). */
export function isTfFloatActivation(t: unknown): boolean {
  const n = tfDtypeName(t);
  return n === 'float32' || n === 'float16';
}

/**
 * Dtypes a weights-manifest entry may be stored in: TF.js's own run-time dtypes, and the quantization dtypes
 * tfjs-converter writes (float16, uint8, uint16).
 */
const MANIFEST_STORED = new Set([...TABLE.map((d) => d.tfjs).filter((t) => BY_NAME.has(t)), 'float16', 'uint8', 'uint16']);

/** Bytes per element of a weight stored as `dtype` in a weights manifest; undefined for 'string' and for dtypes a manifest cannot hold. */
export function manifestStoredBytes(dtype: string): number | undefined {
  return MANIFEST_STORED.has(dtype) ? BY_NAME.get(dtype)?.bytes : undefined;
}
