// fp16 compute for an allow-list of ONNX ops (those onnxruntime's CPU provider runs in float16), with
// Cast nodes at every float32↔float16 boundary. A node computes in fp16 when its op is allow-listed and
// every one of its data inputs is known to be float32; all else stays float32 and is reported.
// Invariants of the rewritten graph: every original tensor name still exists as float32 wherever a float32
// consumer, a subgraph or a graph output reads it (so graph inputs/outputs and value_info stay valid);
// fp16 versions live under new names `<name>__fp16`; nodes stay in topological order (each Cast is emitted
// just before its first consumer, after its producer).
import type { onnx } from 'onnx-proto';
import { checkCancelled, type JobContext } from '../jobs/context';
import { type GraphProto } from '../formats/onnx/codec';
import { DT } from '../formats/onnx/dtypes';
import { castNode, halfInitializer, uniqueName } from '../formats/onnx/edit';

/** Op → which inputs/outputs carry the float tensor T ('all' or indices); other inputs (shapes, indices) are untouched. */
interface Io {
  inputs: 'all' | number[];
  outputs: 'all' | number[];
}
const UNARY: Io = { inputs: [0], outputs: [0] };
const ALL: Io = { inputs: 'all', outputs: [0] };

/** Ops checked to run in float16 on onnxruntime-node 1.30's CPU provider (opset 13 tests). */
export const FP16_OPS: Readonly<Record<string, Io>> = {
  Conv: { inputs: [0, 1, 2], outputs: [0] },
  ConvTranspose: { inputs: [0, 1, 2], outputs: [0] },
  Gemm: { inputs: [0, 1, 2], outputs: [0] },
  MatMul: ALL,
  Add: ALL, Sub: ALL, Mul: ALL, Div: ALL, Max: ALL, Min: ALL, Concat: ALL,
  Relu: UNARY, LeakyRelu: UNARY, Sigmoid: UNARY, HardSigmoid: UNARY, Tanh: UNARY, Exp: UNARY, Sqrt: UNARY, Neg: UNARY,
  Softmax: UNARY, Identity: UNARY, Flatten: UNARY, Transpose: UNARY, Reshape: UNARY, Squeeze: UNARY,
  MaxPool: UNARY, AveragePool: UNARY, GlobalAveragePool: UNARY, ReduceMean: UNARY, Slice: UNARY, Gather: UNARY, Resize: UNARY,
  Clip: { inputs: [0, 1, 2], outputs: [0] },
  PRelu: { inputs: [0, 1], outputs: [0] },
  Pad: { inputs: [0, 2], outputs: [0] },
  BatchNormalization: { inputs: [0, 1, 2, 3, 4], outputs: [0] },
  Split: { inputs: [0], outputs: 'all' },
};

const BOOL = 9;
const INT64 = 7;
/**
 * Element type of output `k` of ops whose output type is not their first input's (when value_info is silent):
 * index outputs of post-processing (NonMaxSuppression, TopK's indices, MaxPool's) are int64, so the Gather /
 * Squeeze / Cast nodes reading them stay in their types and int64/bool graph outputs keep theirs.
 */
function ruleType(n: onnx.INodeProto, types: Map<string, number>, k: number): number | undefined {
  if (k > 0 && (n.opType === 'TopK' || n.opType === 'MaxPool')) return INT64; // indices
  switch (n.opType) {
    case 'Shape': case 'Size': case 'NonZero': case 'ArgMax': case 'ArgMin': case 'NonMaxSuppression': return INT64;
    case 'Where': return n.input?.[1] ? types.get(n.input[1]) : undefined;
    case 'Equal': case 'Less': case 'Greater': case 'LessOrEqual': case 'GreaterOrEqual':
    case 'And': case 'Or': case 'Xor': case 'Not': case 'IsNaN': case 'IsInf': return BOOL;
    case 'Cast': return Number(n.attribute?.find((a) => a.name === 'to')?.i ?? 0) || undefined;
    case 'DequantizeLinear': return DT.FLOAT;
    case 'QuantizeLinear': return undefined;
    case 'ConstantOfShape': return n.attribute?.find((a) => a.name === 'value')?.t?.dataType ?? DT.FLOAT;
    case 'Constant': {
      const a = n.attribute?.[0];
      if (a?.t) return a.t.dataType ?? undefined;
      if (a?.name === 'value_float' || a?.name === 'value_floats') return DT.FLOAT;
      if (a?.name === 'value_int' || a?.name === 'value_ints') return INT64;
      return undefined;
    }
    default: return n.input?.[0] ? types.get(n.input[0]) : undefined;
  }
}

function pick<T>(list: T[], which: 'all' | number[]): { i: number; v: T }[] {
  return list.map((v, i) => ({ i, v })).filter(({ i, v }) => (which === 'all' || which.includes(i)) && v !== '');
}

/** Names read inside a node's subgraphs that the subgraphs do not define (outer-scope reads). */
function outerReads(n: onnx.INodeProto): string[] {
  const reads = new Set<string>();
  const defined = new Set<string>();
  const visit = (g: GraphProto) => {
    for (const t of g.initializer ?? []) defined.add(t.name ?? '');
    for (const v of g.input ?? []) defined.add(v.name ?? '');
    for (const m of g.node ?? []) {
      for (const o of m.output ?? []) defined.add(o);
      for (const x of m.input ?? []) reads.add(x);
      for (const a of m.attribute ?? []) [a.g, ...(a.graphs ?? [])].forEach((s) => s && visit(s));
    }
  };
  for (const a of n.attribute ?? []) [a.g, ...(a.graphs ?? [])].forEach((s) => s && visit(s));
  return [...reads].filter((r) => r && !defined.has(r));
}

export interface ComputeResult {
  fp16Nodes: number;
  casts: number;
  initializers: number;
  /** Op types kept in float32, one entry per op type, with the count and why. */
  keptOps: { name: string; reason: string }[];
}

/** Rewrites `g` in place (nodes and initializers). `taken` holds every name in use and is extended. */
export function convertComputeToFp16(g: GraphProto, taken: Set<string>, file: string, ctx: JobContext): ComputeResult {
  const nodes = g.node ?? [];
  const types = new Map<string, number>();
  for (const v of [...(g.input ?? []), ...(g.valueInfo ?? []), ...(g.output ?? [])]) {
    const t = v.type?.tensorType?.elemType;
    if (t) types.set(v.name ?? '', t);
  }
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  for (const [name, t] of inits) types.set(name, t.dataType ?? 0);

  // Pass 1: decide each node's precision, inferring output types in graph order.
  const half = nodes.map((n) => {
    const io = !n.domain || n.domain === 'ai.onnx' ? FP16_OPS[n.opType ?? ''] : undefined;
    const data = io ? pick(n.input ?? [], io.inputs) : [];
    const ok = !!io && data.length > 0 && data.every(({ v }) => types.get(v) === DT.FLOAT);
    // fp16 nodes: data outputs are float (semantically), other outputs unknown (e.g. MaxPool indices).
    const dataOut = new Set(ok && io ? pick(n.output ?? [], io.outputs).map(({ v }) => v) : []);
    for (const [k, o] of (n.output ?? []).entries()) {
      if (!o || types.has(o)) continue;
      const t = ok ? (dataOut.has(o) ? DT.FLOAT : undefined) : ruleType(n, types, k);
      if (t) types.set(o, t);
    }
    return ok;
  });

  // Which tensors float32 readers need under their original name (graph outputs, fp32 nodes, subgraphs).
  const needFull = new Set<string>((g.output ?? []).map((v) => v.name ?? ''));
  nodes.forEach((n, k) => {
    if (!half[k]) for (const x of [...(n.input ?? []), ...outerReads(n)]) needFull.add(x);
    else {
      const io = FP16_OPS[n.opType ?? ''];
      const dataIdx = new Set(pick(n.input ?? [], io.inputs).map(({ i }) => i));
      (n.input ?? []).forEach((x, i) => !dataIdx.has(i) && needFull.add(x));
    }
  });

  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  const halfName = new Map<string, string>();
  const newInits: onnx.ITensorProto[] = [];
  const out: onnx.INodeProto[] = [];
  const fullReady = new Set<string>([...(g.input ?? []).map((v) => v.name ?? ''), ...inits.keys()]);
  let casts = 0;
  let fp16Initializers = 0;

  const ensureHalf = (x: string): string => {
    const h = halfName.get(x);
    if (h) return h;
    const name = uniqueName(`${x}__fp16`, taken);
    const init = inits.get(x);
    if (init && init.dataType === DT.FLOAT && !graphInputs.has(x)) {
      newInits.push(halfInitializer(init, name, file));
      fp16Initializers++;
    } else {
      out.push(castNode(x, name, DT.FLOAT16, taken));
      casts++;
    }
    halfName.set(x, name);
    return name;
  };
  const ensureFull = (x: string): void => {
    if (!x || fullReady.has(x) || !halfName.has(x)) return;
    out.push(castNode(halfName.get(x)!, x, DT.FLOAT, taken));
    casts++;
    fullReady.add(x);
  };

  const kept = new Map<string, { count: number; reason: string }>();
  nodes.forEach((n, k) => {
    checkCancelled(ctx);
    const op = n.opType ?? '?';
    if (half[k]) {
      const io = FP16_OPS[op];
      const ins = [...(n.input ?? [])];
      for (const { i, v } of pick(ins, io.inputs)) ins[i] = ensureHalf(v);
      const outs = [...(n.output ?? [])];
      for (const { i, v } of pick(outs, io.outputs)) {
        const h = uniqueName(`${v}__fp16`, taken);
        halfName.set(v, h);
        outs[i] = h;
      }
      const orig = [...(n.output ?? [])];
      n.input = ins;
      n.output = outs;
      out.push(n);
      for (const { v } of pick(orig, io.outputs)) if (needFull.has(v)) ensureFull(v);
    } else {
      for (const x of [...(n.input ?? []), ...outerReads(n)]) ensureFull(x);
      out.push(n);
      for (const o of n.output ?? []) fullReady.add(o);
      const why = FP16_OPS[op] ? 'a data input is not known to be float32' : 'not in the fp16 allow-list';
      const e = kept.get(op) ?? { count: 0, reason: why };
      e.count++;
      kept.set(op, e);
    }
    ctx.progress({ stage: 'fp16: nodes', done: k + 1, total: nodes.length, unit: 'nodes', fraction: (0.5 * (k + 1)) / nodes.length });
  });

  // Float32 initializers now read only in fp16 are dropped (their fp16 copy replaces them).
  g.initializer = [...(g.initializer ?? []).filter((t) => !(halfName.has(t.name ?? '') && !needFull.has(t.name ?? ''))), ...newInits];
  g.node = out;
  return {
    fp16Nodes: half.filter(Boolean).length,
    casts,
    initializers: fp16Initializers,
    keptOps: [...kept].map(([op, e]) => ({ name: `op:${op}`, reason: `${e.count} node(s) kept in float32: ${e.reason}` })),
  };
}
