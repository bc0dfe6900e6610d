// Constant values the ONNX → TFLite converter folds: initializers read here, tensors computed from constants only
// (Cast of an fp16 initializer, Shape chains, ConstantOfShape…) from the probe run (graph.ts). Values are held in
// three kinds: float32 (float16/float64 widened/narrowed), int32 (int64 clamped to the int32 range: TFLite indices,
// shapes and axes are int32) and bool (0/1). Row-major over `shape` (ONNX logical layout).
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { num, tensorElements } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { decodeFloat16 } from '../../formats/half';
import type { TfliteType } from '../../formats/tflite/model-ir';

export type ConstKind = 'float32' | 'int32' | 'bool';

export interface ConstVal {
  kind: ConstKind;
  shape: number[];
  /** Float32Array for float32, Int32Array for int32 and bool (0/1). */
  data: Float32Array | Int32Array;
}

const I32_MAX = 2 ** 31 - 1;
const clampI32 = (v: number): number => Math.max(-I32_MAX - 1, Math.min(I32_MAX, v));

/** EdgeLab's value kind of an ONNX element type, or undefined for types the converter does not carry. */
export function kindOfOnnx(code: number | undefined): ConstKind | undefined {
  if (code === DT.FLOAT || code === DT.FLOAT16 || code === DT.DOUBLE) return 'float32';
  if (code === DT.INT64 || code === DT.INT32 || code === DT.INT16 || code === DT.INT8 || code === DT.UINT8) return 'int32';
  if (code === DT.BOOL) return 'bool';
  return undefined;
}

/** The TFLite element type that carries a value kind. */
export function tfliteTypeOf(kind: ConstKind): TfliteType {
  return kind;
}

/** Values of an initializer (or Constant's tensor attribute); UNSUPPORTED for element types not carried. */
export function initializerValue(t: onnx.ITensorProto, file: string): ConstVal {
  const n = tensorElements(t, file);
  const shape = (t.dims ?? []).map(num);
  const code = t.dataType ?? 0;
  const kind = kindOfOnnx(code);
  if (!kind) throw new EdgeLabError('UNSUPPORTED', `constant '${t.name}' has ONNX element type ${code}, which the TFLite converter does not carry`, file);
  // a copy into a fresh ArrayBuffer (raw_data may be a Node Buffer view into a shared pool: its .buffer is not its bytes)
  const raw = t.rawData && t.rawData.length > 0 ? new Uint8Array(t.rawData) : undefined;
  const buf = raw?.buffer;
  let vals: ArrayLike<number>;
  if (code === DT.FLOAT) vals = buf ? new Float32Array(buf, 0, n) : (t.floatData ?? []);
  else if (code === DT.FLOAT16) vals = buf ? decodeFloat16(new Uint16Array(buf, 0, n)) : decodeFloat16(Uint16Array.from(t.int32Data ?? []));
  else if (code === DT.DOUBLE) vals = buf ? new Float64Array(buf, 0, n) : (t.doubleData ?? []);
  else if (code === DT.INT64) vals = buf ? Array.from(new BigInt64Array(buf, 0, n), (v) => clampI32(Number(v))) : (t.int64Data ?? []).map((v) => clampI32(num(v)));
  else if (code === DT.INT32) vals = buf ? new Int32Array(buf, 0, n) : (t.int32Data ?? []);
  else if (code === DT.INT16) vals = buf ? new Int16Array(buf, 0, n) : (t.int32Data ?? []);
  else if (code === DT.INT8) vals = buf ? new Int8Array(buf, 0, n) : (t.int32Data ?? []);
  else vals = buf ? new Uint8Array(buf, 0, n) : (t.int32Data ?? []); // UINT8, BOOL
  const data = kind === 'float32' ? Float32Array.from(vals) : Int32Array.from(vals, (v) => (kind === 'bool' ? (v ? 1 : 0) : v));
  if (data.length !== n) throw new EdgeLabError('BAD_INPUT', `constant '${t.name}' holds ${data.length} values, its dims need ${n}`, file);
  return { kind, shape, data };
}

/** Little-endian bytes of a value as its TFLite type (bool as 1 byte per element). */
export function constBytes(v: ConstVal): Uint8Array {
  if (v.kind === 'bool') return Uint8Array.from(v.data);
  return new Uint8Array(v.data.buffer.slice(v.data.byteOffset, v.data.byteOffset + v.data.byteLength));
}

export const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Row-major transpose of `data` (shape `shape`) by `perm`: out.shape[i] = shape[perm[i]]. */
export function transposeData<T extends Float32Array | Int32Array>(data: T, shape: number[], perm: number[]): T {
  const r = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStrides = new Array<number>(r).fill(1);
  for (let i = r - 2; i >= 0; i--) inStrides[i] = inStrides[i + 1] * shape[i + 1];
  const stride = perm.map((p) => inStrides[p]);
  const out = new (data.constructor as { new (n: number): T })(data.length);
  const idx = new Array<number>(r).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < r; i++) src += idx[i] * stride[i];
    out[o] = data[src];
    for (let i = r - 1; i >= 0; i--) {
      if (++idx[i] < outShape[i]) break;
      idx[i] = 0;
    }
  }
  return out;
}
