// The in-memory TFLite model EdgeLab builds, transforms and writes: ONE subgraph (what the TFLite converter
// emits for a vision model), tensors by index, constant data as raw little-endian bytes. Producers: the ONNX →
// TFLite converter (transforms/onnx-to-tflite/), the .tflite → IR reader (read-model.ts) for variants of a file the
// user brings. Consumers: the variant transforms (fp16, int8-weights, int8) and the writer (writer.ts), which
// serialises it per TFLite's schema.fbs (tensorflow/compiler/mlir/lite/schema/schema.fbs).
// Invariants (checked by the writer, BAD_INPUT naming the tensor/op when broken):
//  - every index in `inputs`/`outputs`/op inputs/op outputs is a valid tensor index (op inputs may hold -1: an
//    optional input left out, e.g. CONV_2D without bias);
//  - a tensor with `data` is a constant: data.length === product(shape) × bytes of `type`; activations have no data;
//  - shapes are TFLite's: NHWC for images, filters OHWI for CONV_2D, 1HWO for DEPTHWISE_CONV_2D, [out, in] for
//    FULLY_CONNECTED; `shapeSignature` holds -1 for a dynamic dimension (batch -1 as TF's converter writes it);
//  - operators are in execution order (each op's inputs are graph inputs, constants or outputs of earlier ops).

/** Element types EdgeLab writes (names as in dtypes.ts). */
export type TfliteType = 'float32' | 'float16' | 'int32' | 'uint8' | 'int64' | 'bool' | 'int16' | 'int8';

/** Affine quantisation: real = scale × (q − zeroPoint). One entry per tensor (per-tensor) or one per channel along
 *  `quantizedDimension` (per-channel, weights only). `min`/`max` are optional float ranges (informational). */
export interface TfliteQuant {
  scale: number[];
  zeroPoint: number[];
  quantizedDimension?: number;
  min?: number[];
  max?: number[];
}

export interface TfliteTensor {
  /** Tensor name kept from the source (ONNX tensor name), as tf.lite.Interpreter reports it. */
  name: string;
  type: TfliteType;
  /** Static shape (a dynamic batch is written as 1 here and -1 in shapeSignature). */
  shape: number[];
  shapeSignature?: number[];
  /** Constant bytes (little endian, row-major over `shape`); absent for activations. */
  data?: Uint8Array;
  quant?: TfliteQuant;
}

/** Builtin options as schema.fbs field names (snake_case) → value. Enums by their schema name
 *  (padding 'SAME' | 'VALID', fused_activation_function 'NONE' | 'RELU' | 'RELU6' | …, TensorType names for CAST). */
export type TfliteOptions = Record<string, number | boolean | string | number[]>;

export interface TfliteOp {
  /** Builtin operator name as in ops.ts ('CONV_2D'…), or 'CUSTOM' with `customCode`. */
  op: string;
  /** Tensor indices; -1 for an optional input left out. */
  inputs: number[];
  outputs: number[];
  options?: TfliteOptions;
  /** Operator version recorded in the OperatorCode (the kernels pick by it); the writer defaults to 1 where unset. */
  version?: number;
  customCode?: string;
  /** Raw custom_options bytes (a FlexBuffer for TFLite_Detection_PostProcess), copied as-is. */
  customOptions?: Uint8Array;
}

export interface TfliteModel {
  /** Model.description, e.g. "EdgeLab onnx-to-tflite from model.onnx". */
  description: string;
  /** SubGraph.name ("main" like TF's converter). */
  subgraphName?: string;
  tensors: TfliteTensor[];
  operators: TfliteOp[];
  inputs: number[];
  outputs: number[];
  /** Model.metadata entries (name → bytes, each stored in its own buffer), e.g. TFLITE_METADATA, min_runtime_version. */
  metadata?: { name: string; data: Uint8Array }[];
  /** Model.signature_defs of the subgraph (TF's converter writes 'serving_default'; LiteRT and
   *  Interpreter.get_signature_runner name the boundary tensors by these keys). */
  signatures?: TfliteSignature[];
}

/** A SignatureDef: its key and a key → tensor index map for inputs and outputs (indices into `tensors`). */
export interface TfliteSignature {
  key: string;
  inputs: { name: string; tensor: number }[];
  outputs: { name: string; tensor: number }[];
}

/** Bytes per element of a TfliteType. */
export const TFLITE_TYPE_BYTES: Record<TfliteType, number> = {
  float32: 4, float16: 2, int32: 4, uint8: 1, int64: 8, bool: 1, int16: 2, int8: 1,
};

/** Adds a tensor, returns its index. */
export function addTensor(m: TfliteModel, t: TfliteTensor): number {
  m.tensors.push(t);
  return m.tensors.length - 1;
}

/** A float32 constant tensor from values (shape must match values.length). */
export function float32Const(name: string, shape: number[], values: ArrayLike<number>): TfliteTensor {
  const f = Float32Array.from(values as ArrayLike<number>);
  return { name, type: 'float32', shape, data: new Uint8Array(f.buffer, f.byteOffset, f.byteLength) };
}

/** An int32 constant tensor (shape vectors, axes, perms). */
export function int32Const(name: string, shape: number[], values: ArrayLike<number>): TfliteTensor {
  const f = Int32Array.from(values as ArrayLike<number>);
  return { name, type: 'int32', shape, data: new Uint8Array(f.buffer, f.byteOffset, f.byteLength) };
}

/** Float32 view of a float32 constant's data (copies when the bytes are not 4-aligned). */
export function float32Data(t: TfliteTensor): Float32Array {
  if (!t.data || t.type !== 'float32') throw new Error(`tensor '${t.name}' is not a float32 constant`);
  const d = t.data;
  return d.byteOffset % 4 === 0 ? new Float32Array(d.buffer, d.byteOffset, d.byteLength / 4) : new Float32Array(d.slice().buffer);
}
