// .tflite bytes → TfliteModel (model-ir.ts): the inverse of writer.ts, for variants of a file the user brings.
// Built on the bounded FlatBuffer reader (flatbuffer.ts) after the reader's whole-file check (inspectTfliteBytes):
// a corrupt or hostile file is BAD_INPUT before any of it is copied. Builtin options are parsed through the one
// options table (options.ts): an op carrying options EdgeLab cannot parse → UNSUPPORTED naming the op. CUSTOM ops
// keep their custom_options bytes as-is. Constant data is copied out (the IR owns its bytes).
// Field ids below are the declaration order in schema.fbs (a union takes two ids: type, then value).
import { EdgeLabError } from '../../../src-shared/protocol';
import { FlatBuffer, type Table } from './flatbuffer';
import { inspectTfliteBytes } from './reader';
import { tfliteDtype } from './dtypes';
import { TFLITE_BUILTIN_OPS } from './ops';
import { TFLITE_OPTIONS } from './options';
import { TFLITE_TYPE_BYTES, type TfliteModel, type TfliteOp, type TfliteOptions, type TfliteTensor, type TfliteType } from './model-ir';

const F = {
  model: { operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4, metadata: 6, signatureDefs: 7 },
  signature: { inputs: 0, outputs: 1, key: 2, subgraphIndex: 4 },
  tensorMap: { name: 0, tensorIndex: 1 },
  opcode: { deprecatedBuiltin: 0, customCode: 1, version: 2, builtin: 3 },
  subgraph: { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 },
  tensor: { shape: 0, type: 1, buffer: 2, name: 3, quantization: 4, isVariable: 5, sparsity: 6, shapeSignature: 7 },
  quant: { min: 0, max: 1, scale: 2, zeroPoint: 3, quantizedDimension: 6 },
  operator: { opcodeIndex: 0, inputs: 1, outputs: 2, optionsType: 3, options: 4, customOptions: 5, intermediates: 8, largeCustomOffset: 9, optionsType2: 11 },
  buffer: { data: 0, offset: 1, size: 2 },
  metadata: { name: 0, buffer: 1 },
} as const;
const CUSTOM = 32;

interface Code {
  op: string;
  customCode?: string;
  version: number;
}

function readCode(c: Table): Code {
  const code = Math.max(c.i8(F.opcode.deprecatedBuiltin), c.i32(F.opcode.builtin));
  const version = c.i32(F.opcode.version, 1);
  if (code === CUSTOM) return { op: 'CUSTOM', customCode: c.string(F.opcode.customCode) ?? '', version };
  return { op: TFLITE_BUILTIN_OPS[code] ?? `BUILTIN_${code}`, version };
}

/** Options of builtin op `name` from its table (fields present in the file only; absent ones keep the schema
 *  default, see optionValue). */
function readOptions(t: Table, name: string, unionType: number, file: string): TfliteOptions | undefined {
  const spec = TFLITE_OPTIONS[name];
  if (!spec || spec.unionType !== unionType) {
    throw new EdgeLabError('UNSUPPORTED', `operator ${name} carries builtin options of union type ${unionType}, which EdgeLab's TFLite options table (options.ts) does not parse`, file);
  }
  const out: TfliteOptions = {};
  for (const [field, id, kind, , enums] of spec.fields) {
    if (!t.has(id)) continue;
    if (kind === 'int32[]') out[field] = t.i32s(id);
    else if (kind === 'bool') out[field] = t.u8(id) !== 0;
    else if (kind === 'float32') out[field] = t.fb.f32(t.field(id));
    else if (kind === 'int32') out[field] = t.i32(id);
    else {
      const v = t.i8(id);
      out[field] = enums?.[v] ?? v;
    }
  }
  return out;
}

function bytesOf(fb: FlatBuffer, buffers: Table[], bi: number, what: string): Uint8Array | undefined {
  const b = buffers[bi];
  if (!b) return undefined;
  if (b.u64(F.buffer.offset) > 1 || b.u64(F.buffer.size) > 0) {
    throw new EdgeLabError('UNSUPPORTED', `${what} keeps its data outside the FlatBuffer (buffer offset/size, a > 2 GB model); EdgeLab does not rewrite such files`, fb.file);
  }
  const { length, start } = b.vector(F.buffer.data, 1);
  return length > 0 ? fb.bytes.slice(start, start + length) : undefined;
}

/** Parses a .tflite held in memory into the IR (`file` names it in errors). One subgraph only (the IR's scope). */
export function readTfliteModel(bytes: Uint8Array, file: string): TfliteModel {
  inspectTfliteBytes(bytes, file); // the bounded whole-file check first
  const fb = new FlatBuffer(bytes, file);
  const root = fb.root();
  const buffers = root.tables(F.model.buffers);
  const codes = root.tables(F.model.operatorCodes).map(readCode);
  const subgraphs = root.tables(F.model.subgraphs);
  if (subgraphs.length !== 1) throw new EdgeLabError('UNSUPPORTED', `the TFLite model has ${subgraphs.length} subgraphs; EdgeLab rewrites one-subgraph models only`, file);
  const sg = subgraphs[0];

  const tensors: TfliteTensor[] = sg.tables(F.subgraph.tensors).map((t, ti) => {
    const name = t.string(F.tensor.name) ?? `tensor#${ti}`;
    const dtype = tfliteDtype(t.i8(F.tensor.type)).name;
    if (!(dtype in TFLITE_TYPE_BYTES)) throw new EdgeLabError('UNSUPPORTED', `tensor '${name}' has element type ${dtype}, which EdgeLab's TFLite IR does not hold`, file);
    if (t.u8(F.tensor.isVariable) !== 0) throw new EdgeLabError('UNSUPPORTED', `tensor '${name}' is a variable (stateful model); EdgeLab does not rewrite stateful models`, file);
    if (t.has(F.tensor.sparsity)) throw new EdgeLabError('UNSUPPORTED', `tensor '${name}' is sparse (sparsity parameters); EdgeLab does not rewrite sparse tensors`, file);
    const type = dtype as TfliteType;
    const shape = t.i32s(F.tensor.shape);
    const sig = t.i32s(F.tensor.shapeSignature);
    const out: TfliteTensor = { name, type, shape };
    if (sig.length) out.shapeSignature = sig;
    const data = bytesOf(fb, buffers, t.u32(F.tensor.buffer), `tensor '${name}'`);
    if (data) {
      const need = shape.reduce((a, b) => a * b, 1) * TFLITE_TYPE_BYTES[type];
      if (data.length < need) throw new EdgeLabError('BAD_INPUT', `tensor '${name}' needs ${need} bytes, its buffer holds ${data.length}`, file);
      out.data = data.length === need ? data : data.slice(0, need);
    }
    const q = t.table(F.tensor.quantization);
    const scale = q?.f32s(F.quant.scale) ?? [];
    if (q && scale.length) {
      out.quant = { scale, zeroPoint: q.i64s(F.quant.zeroPoint) };
      const dim = q.i32(F.quant.quantizedDimension);
      if (dim) out.quant.quantizedDimension = dim;
      const min = q.f32s(F.quant.min);
      const max = q.f32s(F.quant.max);
      if (min.length) out.quant.min = min;
      if (max.length) out.quant.max = max;
      if (out.quant.zeroPoint.length === 0) out.quant.zeroPoint = scale.map(() => 0);
    }
    return out;
  });

  const operators: TfliteOp[] = sg.tables(F.subgraph.operators).map((o) => {
    const code = codes[o.u32(F.operator.opcodeIndex)];
    const op: TfliteOp = { op: code.op, inputs: o.i32s(F.operator.inputs), outputs: o.i32s(F.operator.outputs), version: code.version };
    if (code.op.startsWith('BUILTIN_')) throw new EdgeLabError('UNSUPPORTED', `operator code ${code.op.slice(8)} is not in EdgeLab's TFLite op table (ops.ts)`, file);
    if (o.vector(F.operator.intermediates, 4).length > 0) throw new EdgeLabError('UNSUPPORTED', `operator ${code.op} has intermediate tensors (quantized LSTM-style kernels), which EdgeLab's TFLite IR does not hold`, file);
    if (o.u8(F.operator.optionsType2) !== 0) throw new EdgeLabError('UNSUPPORTED', `operator ${code.op} carries builtin_options_2 (StableHLO options), which EdgeLab does not parse`, file);
    if (code.op === 'CUSTOM') {
      op.customCode = code.customCode;
      if (o.u64(F.operator.largeCustomOffset) > 0) throw new EdgeLabError('UNSUPPORTED', `custom operator ${code.customCode} keeps its options outside the FlatBuffer`, file);
      const { length, start } = o.vector(F.operator.customOptions, 1);
      if (length > 0) op.customOptions = bytes.slice(start, start + length);
      return op;
    }
    const type = o.u8(F.operator.optionsType);
    const table = type ? o.table(F.operator.options) : undefined;
    if (table) op.options = readOptions(table, code.op, type, file);
    return op;
  });

  const metadata = root.tables(F.model.metadata).map((m) => {
    const name = m.string(F.metadata.name) ?? '';
    return { name, data: bytesOf(fb, buffers, m.u32(F.metadata.buffer), `metadata '${name}'`) ?? new Uint8Array(0) };
  });

  const tensorMaps = (t: Table, id: number) => t.tables(id).map((e) => ({ name: e.string(F.tensorMap.name) ?? '', tensor: e.u32(F.tensorMap.tensorIndex) }));
  const signatures = root.tables(F.model.signatureDefs).map((s) => {
    const sig = { key: s.string(F.signature.key) ?? '', inputs: tensorMaps(s, F.signature.inputs), outputs: tensorMaps(s, F.signature.outputs) };
    for (const e of [...sig.inputs, ...sig.outputs]) if (e.tensor >= tensors.length) throw new EdgeLabError('BAD_INPUT', `signature '${sig.key}' names tensor ${e.tensor}; the subgraph has ${tensors.length}`, file);
    return sig;
  });

  const model: TfliteModel = {
    description: root.string(F.model.description) ?? '',
    tensors,
    operators,
    inputs: sg.i32s(F.subgraph.inputs),
    outputs: sg.i32s(F.subgraph.outputs),
  };
  const name = sg.string(F.subgraph.name);
  if (name !== undefined) model.subgraphName = name;
  if (metadata.length) model.metadata = metadata;
  if (signatures.length) model.signatures = signatures;
  return model;
}

/** Value of option `name` of `op`: the one set, else the schema default from options.ts (undefined when the op
 *  has no such field). */
export function optionValue(op: TfliteOp, name: string): number | boolean | string | number[] | undefined {
  const v = op.options?.[name];
  if (v !== undefined) return v;
  const f = TFLITE_OPTIONS[op.op]?.fields.find((x) => x[0] === name);
  if (!f) return undefined;
  return f[4] && typeof f[3] === 'number' ? (f[4][f[3]] ?? f[3]) : f[3];
}
