// The boundary of a .tflite as a runtime needs it: the inputs and outputs of subgraph 0 with their stored element
// type, their shape (the `shape` field: a batch the converter left dynamic (-1 in `shape_signature`) is 1 there,
// which is how the model is run: resized to batch 1), the per-tensor quantization of int8/uint8/int16 boundary
// tensors, and the SignatureDef key of each (LiteRT names inputs by signature key when the file has signatures).
// Read with the bounded reader (flatbuffer.ts) after inspectTfliteBytes accepted the same bytes.
import { EdgeLabError } from '../../../src-shared/protocol';
import { FlatBuffer, type Table } from './flatbuffer';
import { tfliteDtype } from './dtypes';

/** Field ids: declaration order in schema.fbs. */
const F = {
  model: { subgraphs: 2, signatureDefs: 7 },
  subgraph: { tensors: 0, inputs: 1, outputs: 2 },
  tensor: { shape: 0, type: 1, name: 3, quantization: 4, shapeSignature: 7 },
  quant: { scale: 2, zeroPoint: 3 },
  signature: { inputs: 0, outputs: 1, key: 2, subgraphIndex: 4 },
  tensorMap: { name: 0, tensorIndex: 1 },
} as const;

export interface TfliteBoundaryTensor {
  /** Tensor name stored in the file (what tf.lite.Interpreter reports). */
  name: string;
  /** SignatureDef key of this tensor in the default signature, or the tensor name when the file has none. */
  key: string;
  /** TensorType code (schema.fbs) and its EdgeLab dtype name. */
  typeCode: number;
  dtype: string;
  /** Dimensions the model runs with (dynamic dims, -1 in shape_signature, are the `shape` values: batch 1). */
  shape: number[];
  /** True when shape_signature had a -1 this shape fixes. */
  resized: boolean;
  /** Per-tensor quantization (real = scale · (q − zeroPoint)); absent for float tensors. */
  quant?: { scale: number; zeroPoint: number };
}

export interface TfliteBoundary {
  inputs: TfliteBoundaryTensor[];
  outputs: TfliteBoundaryTensor[];
}

function tensorAt(tensors: Table[], i: number, file: string): Table {
  const t = tensors[i];
  if (!t) throw new EdgeLabError('BAD_INPUT', `subgraph 0 names tensor ${i}; it has ${tensors.length}`, file);
  return t;
}

function boundaryTensor(t: Table, index: number, key: string | undefined, file: string): TfliteBoundaryTensor {
  const typeCode = t.i8(F.tensor.type);
  const name = t.string(F.tensor.name) ?? `tensor#${index}`;
  const shape = t.i32s(F.tensor.shape);
  const sig = t.i32s(F.tensor.shapeSignature);
  if (shape.some((d) => d < 0)) throw new EdgeLabError('BAD_INPUT', `tensor '${name}' has a negative dimension in its shape [${shape.join(', ')}]`, file);
  const scale = t.table(F.tensor.quantization)?.f32s(F.quant.scale) ?? [];
  const zp = t.table(F.tensor.quantization)?.i64s(F.quant.zeroPoint) ?? [];
  if (scale.length > 1) {
    throw new EdgeLabError('UNSUPPORTED', `boundary tensor '${name}' is quantized per channel (${scale.length} scales); EdgeLab (de)quantizes model inputs and outputs per tensor only`, file);
  }
  return {
    name,
    key: key ?? name,
    typeCode,
    dtype: tfliteDtype(typeCode).name,
    shape,
    resized: sig.some((d) => d < 0),
    ...(scale.length === 1 ? { quant: { scale: scale[0], zeroPoint: zp[0] ?? 0 } } : {}),
  };
}

/** Boundary tensors of subgraph 0 of `bytes` (already accepted by inspectTfliteBytes). */
export function readTfliteBoundary(bytes: Uint8Array, file: string): TfliteBoundary {
  const model = new FlatBuffer(bytes, file).root();
  const sg = model.tables(F.model.subgraphs)[0];
  if (!sg) throw new EdgeLabError('BAD_INPUT', 'the TFLite model has no subgraph', file);
  const tensors = sg.tables(F.subgraph.tensors);
  // Signature keys of subgraph 0's first signature, by tensor index.
  const sigDef = model.tables(F.model.signatureDefs).find((s) => s.u32(F.signature.subgraphIndex) === 0);
  const keys = (id: number): Map<number, string> =>
    new Map((sigDef?.tables(id) ?? []).map((m) => [m.u32(F.tensorMap.tensorIndex), m.string(F.tensorMap.name) ?? '']));
  const inKeys = keys(F.signature.inputs);
  const outKeys = keys(F.signature.outputs);
  return {
    inputs: sg.i32s(F.subgraph.inputs).map((i) => boundaryTensor(tensorAt(tensors, i, file), i, inKeys.get(i), file)),
    outputs: sg.i32s(F.subgraph.outputs).map((i) => boundaryTensor(tensorAt(tensors, i, file), i, outKeys.get(i), file)),
  };
}
