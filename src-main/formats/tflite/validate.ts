// Checks a TfliteModel against the IR invariants of model-ir.ts before anything is serialised (writer.ts calls it
// first, so a bad model never leaves a file behind). Broken invariants → BAD_INPUT naming the tensor/op; an op or an
// option EdgeLab cannot write (not in ops.ts / options.ts) → UNSUPPORTED naming the op.
import { EdgeLabError } from '../../../src-shared/protocol';
import { TFLITE_TYPE_BYTES, type TfliteModel, type TfliteOp, type TfliteTensor } from './model-ir';
import { TFLITE_BUILTIN_OPS } from './ops';
import { TFLITE_OPTIONS, enumCodeOf, type OptionField } from './options';

/** Builtin op name → code (inverse of ops.ts). */
export const TFLITE_OP_CODES: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(TFLITE_BUILTIN_OPS).map(([k, v]) => [v, Number(k)]));

const bad = (msg: string): never => {
  throw new EdgeLabError('BAD_INPUT', `invalid TFLite model: ${msg}`);
};

function checkTensor(t: TfliteTensor, i: number): void {
  const who = `tensor ${i} '${t.name}'`;
  if (typeof t.name !== 'string') bad(`tensor ${i} has no name`);
  if (!(t.type in TFLITE_TYPE_BYTES)) bad(`${who} has type '${t.type}'; the writer knows ${Object.keys(TFLITE_TYPE_BYTES).join(', ')}`);
  if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) bad(`${who} has shape [${t.shape}]: dimensions must be integers ≥ 0 (a dynamic one is 1 here, -1 in shapeSignature)`);
  if (t.shapeSignature && (t.shapeSignature.length !== t.shape.length || !t.shapeSignature.every((d, k) => d === -1 || d === t.shape[k]))) {
    bad(`${who}: shapeSignature [${t.shapeSignature}] does not match shape [${t.shape}] (same rank; each dimension equal or -1)`);
  }
  if (t.data) {
    const need = t.shape.reduce((a, b) => a * b, 1) * TFLITE_TYPE_BYTES[t.type];
    if (t.data.length !== need) bad(`${who} (constant, ${t.type} [${t.shape}]) holds ${t.data.length} bytes; it needs ${need}`);
  }
  const q = t.quant;
  if (q) {
    if (q.scale.length !== q.zeroPoint.length) bad(`${who}: quantization has ${q.scale.length} scales and ${q.zeroPoint.length} zero points`);
    if (!q.scale.every((s) => Number.isFinite(s))) bad(`${who}: a quantization scale is not finite`);
    if (!q.zeroPoint.every((z) => Number.isInteger(z))) bad(`${who}: a zero point is not an integer`);
    const dim = q.quantizedDimension ?? 0;
    if (q.scale.length > 1 && !(dim >= 0 && dim < t.shape.length && t.shape[dim] === q.scale.length)) {
      bad(`${who}: ${q.scale.length} per-channel scales along dimension ${dim} of shape [${t.shape}]`);
    }
  }
}

function checkValue(op: string, f: OptionField, v: unknown): void {
  const [name, , kind, , enums] = f;
  const where = `op ${op}: option ${name}`;
  if (kind === 'int32[]') {
    if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x))) bad(`${where} must be an array of integers`);
    return;
  }
  if (kind === 'bool') {
    if (typeof v !== 'boolean') bad(`${where} must be true or false`);
    return;
  }
  if (kind === 'float32') {
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${where} must be a finite number`);
    return;
  }
  if (enums) {
    if (enumCodeOf(enums, v) === undefined) bad(`${where} is ${JSON.stringify(v)}; expected one of ${Object.values(enums).join(', ')}`);
    return;
  }
  const lim = kind === 'int8' ? 128 : 2 ** 31;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -lim || v >= lim) bad(`${where} must be an ${kind}`);
}

function checkOp(op: TfliteOp, k: number, m: TfliteModel, produced: Set<number>): void {
  const who = `operator ${k} (${op.op})`;
  if (op.op === 'CUSTOM') {
    if (!op.customCode) bad(`${who} has no customCode`);
    if (op.options) throw new EdgeLabError('UNSUPPORTED', `${who} '${op.customCode}': a CUSTOM op carries customOptions bytes, not builtin options`);
  } else {
    if (TFLITE_OP_CODES[op.op] === undefined || op.op === 'CUSTOM') throw new EdgeLabError('UNSUPPORTED', `${who}: '${op.op}' is not a TFLite builtin operator (ops.ts)`);
    const spec = TFLITE_OPTIONS[op.op];
    for (const [key, v] of Object.entries(op.options ?? {})) {
      const f = spec?.fields.find((x) => x[0] === key);
      if (!f) {
        throw new EdgeLabError('UNSUPPORTED', `${who}: option '${key}' is not in EdgeLab's TFLite options table for ${op.op} (options.ts${spec ? `: ${spec.fields.map((x) => x[0]).join(', ') || 'no fields'}` : ': the op takes none'})`);
      }
      checkValue(op.op, f, v);
    }
  }
  if (op.version !== undefined && !(Number.isInteger(op.version) && op.version >= 1)) bad(`${who} has version ${op.version}`);
  const n = m.tensors.length;
  for (const i of op.inputs) {
    if (i === -1) continue;
    if (!(Number.isInteger(i) && i >= 0 && i < n)) bad(`${who} reads tensor ${i}; the model has ${n}`);
    const t = m.tensors[i];
    if (!t.data && !produced.has(i)) bad(`${who} reads tensor ${i} '${t.name}' before any operator produces it (operators must be in execution order)`);
  }
  for (const o of op.outputs) {
    if (!(Number.isInteger(o) && o >= 0 && o < n)) bad(`${who} writes tensor ${o}; the model has ${n}`);
    const t = m.tensors[o];
    if (t.data) bad(`${who} writes tensor ${o} '${t.name}', a constant`);
    if (produced.has(o)) bad(`${who} writes tensor ${o} '${t.name}', already produced by a graph input or an earlier operator`);
    produced.add(o);
  }
}

/** Throws BAD_INPUT / UNSUPPORTED (naming the tensor or op) when `m` breaks an invariant of model-ir.ts. */
export function validateTfliteModel(m: TfliteModel): void {
  if (!Array.isArray(m.tensors) || !Array.isArray(m.operators)) bad('tensors and operators must be arrays');
  m.tensors.forEach(checkTensor);
  const n = m.tensors.length;
  const produced = new Set<number>();
  for (const [role, list] of [['input', m.inputs], ['output', m.outputs]] as const) {
    for (const i of list) if (!(Number.isInteger(i) && i >= 0 && i < n)) bad(`graph ${role} names tensor ${i}; the model has ${n}`);
  }
  for (const i of m.inputs) {
    if (m.tensors[i].data) bad(`graph input ${i} '${m.tensors[i].name}' is a constant`);
    produced.add(i);
  }
  m.operators.forEach((op, k) => checkOp(op, k, m, produced));
  for (const i of m.outputs) if (!produced.has(i) && !m.tensors[i].data) bad(`graph output ${i} '${m.tensors[i].name}' is produced by no operator`);
  for (const sg of m.signatures ?? []) {
    for (const e of [...sg.inputs, ...sg.outputs]) if (!(Number.isInteger(e.tensor) && e.tensor >= 0 && e.tensor < n)) bad(`signature '${sg.key}': '${e.name}' names tensor ${e.tensor}; the model has ${n}`);
  }
  for (const md of m.metadata ?? []) if (!md.name || !(md.data instanceof Uint8Array)) bad(`metadata entry '${md.name}' needs a name and bytes`);
}
