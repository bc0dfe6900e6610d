// Layout pass: keeps the interior of the graph in NCHW. The op converters wrap each NCHW-only op (Conv,
// pooling, Resize) in Transposes so that every TF tensor exists in TF's NHWC layout; this pass walks the
// nodes in topological order and, for each tensor that is a Transpose(0,2,3,1) of an NCHW tensor, computes
// its elementwise consumers (and keepdims reductions, Concat) directly on the NCHW tensor, re-laying their
// constant operands (and mapping axes). A Transpose back to NCHW of a tensor that has an NCHW version becomes
// an alias of it. NHWC versions stay only where something still reads them (shape ops, graph outputs); the
// rest are dropped. Semantics are unchanged: every TF-named tensor still holds its TF value where it is read.
import type { onnx } from 'onnx-proto';
import { onnxPb } from '../../formats/onnx/codec';
import { DT, ONNX_DTYPES } from '../../formats/onnx/dtypes';
import type { OnnxBuilder } from './builder';

const TO_NHWC = '0,2,3,1';
const TO_NCHW = '0,3,1,2';
/** NHWC axis → NCHW axis. */
const AXIS = [0, 2, 3, 1];

const UNARY = new Set(['Relu', 'Sigmoid', 'Tanh', 'Exp', 'Log', 'Abs', 'Neg', 'Floor', 'Ceil', 'Sqrt', 'Reciprocal', 'Elu', 'LeakyRelu', 'Softplus', 'Erf', 'Identity', 'Round', 'Sign', 'Selu']);
const NARY = new Set(['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min', 'Pow', 'Sum']);
const REDUCE = new Set(['ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd']);

function ints(n: onnx.INodeProto, name: string): number[] | undefined {
  const a = n.attribute?.find((x) => x.name === name);
  return a ? (a.ints ?? []).map(Number) : undefined;
}

function int(n: onnx.INodeProto, name: string): number | undefined {
  const a = n.attribute?.find((x) => x.name === name);
  return a ? Number(a.i ?? 0) : undefined;
}

function permOf(n: onnx.INodeProto): string {
  return (ints(n, 'perm') ?? []).join();
}

/** An initializer's data re-laid for NCHW broadcasting (shape left-padded to rank 4, then permuted); undefined if not possible. */
function relayConst(t: onnx.ITensorProto): { dims: number[]; raw: Uint8Array } | undefined {
  const dims = (t.dims ?? []).map(Number);
  if (dims.length === 0) return { dims, raw: t.rawData as Uint8Array };
  if (dims.length > 4 || !t.rawData || t.rawData.length === 0) return undefined;
  const dt = t.dataType ?? 0;
  const bytes = dt === DT.FLOAT || dt === DT.INT32 || dt === DT.INT64 ? (ONNX_DTYPES[dt].bytes ?? 0) : 0;
  if (!bytes) return undefined;
  const s = [...new Array(4 - dims.length).fill(1), ...dims]; // [n, h, w, c]
  const [n, h, w, c] = s;
  const src = t.rawData;
  const out = new Uint8Array(src.length);
  for (let a = 0; a < n; a++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) {
          const from = (((a * h + y) * w + x) * c + k) * bytes;
          const to = (((a * c + k) * h + y) * w + x) * bytes;
          out.set(src.subarray(from, from + bytes), to);
        }
  return { dims: [n, c, h, w], raw: out };
}

export interface LayoutStats {
  transposesBefore: number;
  transposesAfter: number;
}

/** Rewrites `b.nodes` in place (see the header). `keep` = tensors that must stay (graph outputs). */
export function keepInteriorNchw(b: OnnxBuilder, keep: Set<string>): LayoutStats {
  const before = b.nodes.filter((n) => n.opType === 'Transpose').length;
  const inits = new Map(b.initializers.map((t) => [t.name ?? '', t]));
  const nchw = new Map<string, string>(); // NHWC tensor → its NCHW twin
  const alias = new Map<string, string>(); // dropped tensor → replacement
  const relaid = new Map<string, string>(); // initializer → its NCHW re-laid copy
  const out: onnx.NodeProto[] = [];
  const twinOfConst = (name: string): string | undefined => {
    const done = relaid.get(name);
    if (done) return done;
    const t = inits.get(name);
    if (!t) return undefined;
    const r = relayConst(t);
    if (!r) return undefined;
    if (r.dims.length === 0) return name; // scalars broadcast the same in both layouts
    const twin = b.rawInitializer(b.fresh(`${name}__nchw`), r.dims, t.dataType ?? 1, r.raw);
    relaid.set(name, twin);
    return twin;
  };
  for (const node of b.nodes) {
    node.input = (node.input ?? []).map((x) => alias.get(x) ?? x);
    const op = node.opType ?? '';
    const ins = node.input;
    if (op === 'Transpose' && permOf(node) === TO_NHWC) {
      nchw.set(node.output![0], ins[0]);
      out.push(node);
      continue;
    }
    if (op === 'Transpose' && permOf(node) === TO_NCHW && nchw.has(ins[0])) {
      alias.set(node.output![0], nchw.get(ins[0]) as string);
      continue;
    }
    let mapped: string[] | undefined;
    const attrs = [...(node.attribute ?? [])];
    const dynamic = ins.filter((x) => x !== '' && !inits.has(x));
    const allTwins = dynamic.length > 0 && dynamic.every((x) => nchw.has(x));
    if (allTwins && (UNARY.has(op) || NARY.has(op) || op === 'Clip')) {
      const m = ins.map((x) => (x === '' ? x : (nchw.get(x) ?? twinOfConst(x))));
      if (m.every((x) => x !== undefined)) mapped = m as string[];
    } else if (allTwins && REDUCE.has(op) && int(node, 'keepdims') !== 0 && ins.length === 1) {
      const axes = ints(node, 'axes');
      if (axes && axes.length) {
        mapped = [nchw.get(ins[0]) as string];
        const i = attrs.findIndex((a) => a.name === 'axes');
        attrs[i] = onnxPb.AttributeProto.create({ name: 'axes', type: 7, ints: axes.map((a) => AXIS[a < 0 ? a + 4 : a]) });
      }
    } else if (allTwins && op === 'Concat' && dynamic.length === ins.length) {
      const axis = int(node, 'axis') ?? 0;
      mapped = ins.map((x) => nchw.get(x) as string);
      const i = attrs.findIndex((a) => a.name === 'axis');
      attrs[i] = onnxPb.AttributeProto.create({ name: 'axis', type: 2, i: AXIS[axis < 0 ? axis + 4 : axis] });
    }
    if (!mapped) {
      out.push(node);
      continue;
    }
    const name = node.output![0];
    const twin = b.fresh(`${name}__nchw`);
    out.push(onnxPb.NodeProto.create({ name: b.fresh(`${node.name}__nchw`), opType: op, input: mapped, output: [twin], attribute: attrs }));
    // The NHWC tensor, for whoever still reads it (dropped below when nobody does).
    out.push(onnxPb.NodeProto.create({ name: b.fresh(`${name}__to_nhwc`), opType: 'Transpose', input: [twin], output: [name], attribute: [onnxPb.AttributeProto.create({ name: 'perm', type: 7, ints: [0, 2, 3, 1] })] }));
    nchw.set(name, twin);
  }
  // Drop Transposes nobody reads (repeat: dropping one can orphan another).
  let nodes = out;
  for (;;) {
    const used = new Set<string>(keep);
    for (const n of nodes) for (const x of n.input ?? []) used.add(x);
    const next = nodes.filter((n) => n.opType !== 'Transpose' || used.has(n.output![0]));
    if (next.length === nodes.length) break;
    nodes = next;
  }
  b.nodes.length = 0;
  b.nodes.push(...nodes);
  // Initializers nobody reads any more (the NHWC originals of re-laid constants).
  const read = new Set(nodes.flatMap((n) => n.input ?? []));
  const kept = b.initializers.filter((t) => read.has(t.name ?? '') || keep.has(t.name ?? ''));
  b.initializers.length = 0;
  b.initializers.push(...kept);
  return { transposesBefore: before, transposesAfter: nodes.filter((n) => n.opType === 'Transpose').length };
}
