// TFLite writer: TfliteModel (model-ir.ts) → a .tflite FlatBuffer per TFLite's schema.fbs
// (tensorflow/compiler/mlir/lite/schema/schema.fbs), built with the `flatbuffers` package's Builder.
// Layout written: file identifier "TFL3"; Model.version 3; buffer 0 the empty sentinel (activations point at it);
// one Buffer per constant tensor, data aligned to 16 bytes (XNNPACK / mmap readers expect aligned weights); one
// OperatorCode per (op, custom code, version) with deprecated_builtin_code = min(code, 127) and builtin_code; one
// SubGraph (name, tensors, inputs, outputs, operators); metadata entries each in their own buffer; SignatureDefs
// (key, input/output key → tensor index) of subgraph 0.
// Field ids below are the declaration order in schema.fbs (a union takes two ids: type, then value).
import { Builder } from 'flatbuffers';
import type { TfliteModel, TfliteOp, TfliteQuant, TfliteTensor, TfliteType } from './model-ir';
import { TFLITE_OPTIONS, enumCodeOf, optionSlots, type OptionField } from './options';
import { TFLITE_TYPES } from './dtypes';
import { TFLITE_OP_CODES, validateTfliteModel } from './validate';
import { writeFileAtomic } from '../../workspace/atomic';

type Offset = number;

/** Table field ids (schema.fbs declaration order) and table sizes in fields. */
const F = {
  model: { n: 8, version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4, metadata: 6, signatureDefs: 7 },
  signature: { n: 5, inputs: 0, outputs: 1, key: 2, subgraphIndex: 4 },
  tensorMap: { n: 2, name: 0, tensorIndex: 1 },
  opcode: { n: 4, deprecatedBuiltin: 0, customCode: 1, version: 2, builtin: 3 },
  subgraph: { n: 5, tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 },
  tensor: { n: 8, shape: 0, type: 1, buffer: 2, name: 3, quantization: 4, shapeSignature: 7 },
  quant: { n: 7, min: 0, max: 1, scale: 2, zeroPoint: 3, quantizedDimension: 6 },
  operator: { n: 7, opcodeIndex: 0, inputs: 1, outputs: 2, optionsType: 3, options: 4, customOptions: 5, customOptionsFormat: 6 },
  buffer: { n: 1, data: 0 },
  metadata: { n: 2, name: 0, buffer: 1 },
} as const;

const CUSTOM_CODE = 32;
/** Alignment of constant data in the file (bytes). */
export const TFLITE_DATA_ALIGN = 16;

/** TensorType code of an EdgeLab dtype name. */
export const TFLITE_TYPE_CODES: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(TFLITE_TYPES).map(([k, v]) => [v[0], Number(k)]));

function i32Vector(b: Builder, v: readonly number[]): Offset {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addInt32(v[i]);
  return b.endVector();
}
function f32Vector(b: Builder, v: readonly number[]): Offset {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addFloat32(v[i]);
  return b.endVector();
}
function i64Vector(b: Builder, v: readonly number[]): Offset {
  b.startVector(8, v.length, 8);
  for (let i = v.length - 1; i >= 0; i--) b.addInt64(BigInt(v[i]));
  return b.endVector();
}
/** A ubyte vector whose first byte lies on an `align`-byte boundary of the finished file. */
function byteVector(b: Builder, v: Uint8Array, align: number): Offset {
  // prep(align, n): pad so that after n more bytes the position is `align`-aligned — the data start, since the
  // builder writes back to front and finish() pads the whole buffer to the largest alignment used.
  b.prep(align, v.length);
  return b.createByteVector(v);
}

function enumCode(f: OptionField, v: number | string): number {
  return f[4] ? enumCodeOf(f[4], v)! : (v as number); // validate.ts checked the value is in the enum
}

/** The builtin options table of `op` (0 when the op takes none). */
function optionsTable(b: Builder, op: TfliteOp): { type: number; table: Offset } {
  const spec = TFLITE_OPTIONS[op.op];
  // Written when set, and always for ops with scalar fields (a kernel reads stride 0 from a missing CONV_2D table);
  // left out when unset for ops whose table is empty or only a vector (RESHAPE, QUANTIZE…), as TF's converter does.
  if (!spec || (op.options === undefined && spec.fields.every((f) => f[2] === 'int32[]'))) return { type: 0, table: 0 };
  const o = op.options ?? {};
  const vecs = new Map<string, Offset>();
  for (const f of spec.fields) if (f[2] === 'int32[]' && o[f[0]] !== undefined) vecs.set(f[0], i32Vector(b, o[f[0]] as number[]));
  b.startObject(optionSlots(spec));
  for (const f of spec.fields) {
    const [name, id, kind] = f;
    const v = o[name];
    if (v === undefined) continue; // absent: the schema default applies
    if (kind === 'int32[]') b.addFieldOffset(id, vecs.get(name)!, 0);
    else if (kind === 'bool') b.addFieldInt8(id, v ? 1 : 0, null);
    else if (kind === 'float32') b.addFieldFloat32(id, v as number, null);
    else if (kind === 'int32') b.addFieldInt32(id, v as number, null);
    else b.addFieldInt8(id, enumCode(f, v as number | string), null);
  }
  return { type: spec.unionType, table: b.endObject() };
}

function quantTable(b: Builder, q: TfliteQuant): Offset {
  const min = q.min?.length ? f32Vector(b, q.min) : 0;
  const max = q.max?.length ? f32Vector(b, q.max) : 0;
  const scale = f32Vector(b, q.scale);
  const zp = i64Vector(b, q.zeroPoint);
  b.startObject(F.quant.n);
  if (min) b.addFieldOffset(F.quant.min, min, 0);
  if (max) b.addFieldOffset(F.quant.max, max, 0);
  b.addFieldOffset(F.quant.scale, scale, 0);
  b.addFieldOffset(F.quant.zeroPoint, zp, 0);
  if (q.quantizedDimension) b.addFieldInt32(F.quant.quantizedDimension, q.quantizedDimension, 0);
  return b.endObject();
}

function tensorTable(b: Builder, t: TfliteTensor, buffer: number): Offset {
  const shape = i32Vector(b, t.shape);
  const sig = t.shapeSignature ? i32Vector(b, t.shapeSignature) : 0;
  const name = b.createString(t.name);
  const quant = t.quant && t.quant.scale.length ? quantTable(b, t.quant) : 0;
  b.startObject(F.tensor.n);
  b.addFieldOffset(F.tensor.shape, shape, 0);
  b.addFieldInt8(F.tensor.type, TFLITE_TYPE_CODES[t.type as TfliteType], null);
  b.addFieldInt32(F.tensor.buffer, buffer, 0);
  b.addFieldOffset(F.tensor.name, name, 0);
  if (quant) b.addFieldOffset(F.tensor.quantization, quant, 0);
  if (sig) b.addFieldOffset(F.tensor.shapeSignature, sig, 0);
  return b.endObject();
}

function tableVector(b: Builder, offs: readonly Offset[]): Offset {
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]);
  return b.endVector();
}

/** OperatorCode key: one entry per distinct (op, custom code, version). */
const codeKey = (op: TfliteOp): string => `${op.op}\u0000${op.customCode ?? ''}\u0000${op.version ?? 1}`;

/** Serialises `model` to .tflite bytes. Throws BAD_INPUT / UNSUPPORTED (naming the tensor/op) before building
 *  anything when the model breaks an invariant of model-ir.ts (validate.ts). */
export function serializeTflite(model: TfliteModel): Uint8Array {
  validateTfliteModel(model);
  const total = model.tensors.reduce((a, t) => a + (t.data?.length ?? 0) + TFLITE_DATA_ALIGN, 0);
  const b = new Builder(Math.max(1024, total + 64 * model.tensors.length + 64 * model.operators.length));

  // Buffers: 0 = empty sentinel, then one per constant tensor, then one per metadata entry.
  const payloads: Uint8Array[] = [];
  const tensorBuffer = model.tensors.map((t) => (t.data ? payloads.push(t.data) : 0));
  const metaBuffer = (model.metadata ?? []).map((m) => payloads.push(m.data));
  const dataOffs = payloads.map((p) => byteVector(b, p, TFLITE_DATA_ALIGN));
  const bufferOffs = [0, ...dataOffs].map((d) => {
    b.startObject(F.buffer.n);
    if (d) b.addFieldOffset(F.buffer.data, d, 0);
    return b.endObject();
  });

  // Operator codes.
  const codeIndex = new Map<string, number>();
  const codeOps: TfliteOp[] = [];
  for (const op of model.operators) {
    const k = codeKey(op);
    if (!codeIndex.has(k)) {
      codeIndex.set(k, codeOps.length);
      codeOps.push(op);
    }
  }
  const codeOffs = codeOps.map((op) => {
    const code = op.op === 'CUSTOM' ? CUSTOM_CODE : TFLITE_OP_CODES[op.op];
    const custom = op.op === 'CUSTOM' ? b.createString(op.customCode!) : 0;
    b.startObject(F.opcode.n);
    b.addFieldInt8(F.opcode.deprecatedBuiltin, Math.min(code, 127), null);
    if (custom) b.addFieldOffset(F.opcode.customCode, custom, 0);
    b.addFieldInt32(F.opcode.version, op.version ?? 1, null);
    b.addFieldInt32(F.opcode.builtin, code, null);
    return b.endObject();
  });

  const tensorOffs = model.tensors.map((t, i) => tensorTable(b, t, tensorBuffer[i]));
  const opOffs = model.operators.map((op) => {
    const inputs = i32Vector(b, op.inputs);
    const outputs = i32Vector(b, op.outputs);
    const { type, table } = optionsTable(b, op);
    const custom = op.customOptions ? byteVector(b, op.customOptions, 1) : 0;
    b.startObject(F.operator.n);
    b.addFieldInt32(F.operator.opcodeIndex, codeIndex.get(codeKey(op))!, 0);
    b.addFieldOffset(F.operator.inputs, inputs, 0);
    b.addFieldOffset(F.operator.outputs, outputs, 0);
    if (type) {
      b.addFieldInt8(F.operator.optionsType, type, 0);
      b.addFieldOffset(F.operator.options, table, 0);
    }
    if (custom) b.addFieldOffset(F.operator.customOptions, custom, 0); // custom_options_format FLEXBUFFERS (0) by default
    return b.endObject();
  });

  const sgTensors = tableVector(b, tensorOffs);
  const sgInputs = i32Vector(b, model.inputs);
  const sgOutputs = i32Vector(b, model.outputs);
  const sgOps = tableVector(b, opOffs);
  const sgName = b.createString(model.subgraphName ?? 'main');
  b.startObject(F.subgraph.n);
  b.addFieldOffset(F.subgraph.tensors, sgTensors, 0);
  b.addFieldOffset(F.subgraph.inputs, sgInputs, 0);
  b.addFieldOffset(F.subgraph.outputs, sgOutputs, 0);
  b.addFieldOffset(F.subgraph.operators, sgOps, 0);
  b.addFieldOffset(F.subgraph.name, sgName, 0);
  const subgraph = b.endObject();

  const metaOffs = (model.metadata ?? []).map((m, i) => {
    const name = b.createString(m.name);
    b.startObject(F.metadata.n);
    b.addFieldOffset(F.metadata.name, name, 0);
    b.addFieldInt32(F.metadata.buffer, metaBuffer[i], null);
    return b.endObject();
  });

  const tensorMaps = (list: { name: string; tensor: number }[]) =>
    tableVector(
      b,
      list.map((e) => {
        const name = b.createString(e.name);
        b.startObject(F.tensorMap.n);
        b.addFieldOffset(F.tensorMap.name, name, 0);
        b.addFieldInt32(F.tensorMap.tensorIndex, e.tensor, null);
        return b.endObject();
      }),
    );
  const sigOffs = (model.signatures ?? []).map((sg) => {
    const inputs = tensorMaps(sg.inputs);
    const outputs = tensorMaps(sg.outputs);
    const key = b.createString(sg.key);
    b.startObject(F.signature.n);
    b.addFieldOffset(F.signature.inputs, inputs, 0);
    b.addFieldOffset(F.signature.outputs, outputs, 0);
    b.addFieldOffset(F.signature.key, key, 0);
    b.addFieldInt32(F.signature.subgraphIndex, 0, null);
    return b.endObject();
  });

  const codes = tableVector(b, codeOffs);
  const subgraphs = tableVector(b, [subgraph]);
  const description = b.createString(model.description);
  const buffers = tableVector(b, bufferOffs);
  const metadata = metaOffs.length ? tableVector(b, metaOffs) : 0;
  const signatures = sigOffs.length ? tableVector(b, sigOffs) : 0;
  b.startObject(F.model.n);
  b.addFieldInt32(F.model.version, 3, null);
  b.addFieldOffset(F.model.operatorCodes, codes, 0);
  b.addFieldOffset(F.model.subgraphs, subgraphs, 0);
  b.addFieldOffset(F.model.description, description, 0);
  b.addFieldOffset(F.model.buffers, buffers, 0);
  if (metadata) b.addFieldOffset(F.model.metadata, metadata, 0);
  if (signatures) b.addFieldOffset(F.model.signatureDefs, signatures, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}

/** Serialises then writes `model` to `path` atomically (temp file + rename): an invalid model throws before any
 *  file is created, a failed write leaves nothing under `path`. */
export async function writeTfliteAtomic(path: string, model: TfliteModel): Promise<Uint8Array> {
  const bytes = serializeTflite(model);
  await writeFileAtomic(path, bytes);
  return bytes;
}
