// Unary ops onnxruntime has no int8 kernel for (HardSigmoid, HardSwish: MobileNetV3), quantized as a lookup table —
// the fallback of requant.ts (which is faster: each table costs onnxruntime two uint8 Transposes, a Cast and a Gather).
// A uint8 input has only 256 levels, so any unary op f is exactly a 256-entry uint8 table:
//   table[q] = QuantizeLinear(f(DequantizeLinear(q, s_x, z_x)), s_y, z_y)     for q = 0…255,
// and DQ(q_x) → f → Q → q_y becomes Cast(q_x → int32) → Gather(table, ·) → q_y: no float op between DQ and Q
// (left float, each such node costs a dequantize, the op and a quantize per run).
// Every step is float32 arithmetic as onnxruntime does it (Math.fround after each operation), so the table equals
// the op applied to each dequantized level (tests/src-main/transforms/quant/lookup.test.ts checks this in ORT).
import type { onnx } from 'onnx-proto';
import { onnxPb, type GraphProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { castNode, floatValues, initializer, uniqueName } from '../../formats/onnx/edit';
import { roundHalfEven, saturate } from './qdq-math';

const f32 = Math.fround;

export function floatAttr(n: onnx.INodeProto, name: string, dflt: number): number {
  const a = n.attribute?.find((x) => x.name === name);
  return a ? f32(a.f ?? 0) : f32(dflt);
}

/** HardSigmoid(x) = max(0, min(1, α·x + β)), float32 (ONNX defaults α = 0.2, β = 0.5). */
function hardSigmoid(x: number, alpha: number, beta: number): number {
  return Math.max(0, Math.min(1, f32(f32(alpha * x) + beta)));
}

/** The float32 op of each op type that has a table: op type → (node → x ↦ f(x)). */
export const LOOKUP_OPS: Record<string, (n: onnx.INodeProto) => (x: number) => number> = {
  HardSigmoid: (n) => {
    const alpha = floatAttr(n, 'alpha', 0.2);
    const beta = floatAttr(n, 'beta', 0.5);
    return (x) => hardSigmoid(x, alpha, beta);
  },
  // ONNX defines HardSwish(x) = x · HardSigmoid(x) with α = 1/6, β = 0.5.
  HardSwish: () => (x) => f32(x * hardSigmoid(x, f32(1 / 6), 0.5)),
};

/** The 256-entry uint8 table of `f` between uint8 parameters (s_x, z_x) and (s_y, z_y); s_* are float32. */
export function lookupTable(f: (x: number) => number, sx: number, zx: number, sy: number, zy: number): Uint8Array {
  const t = new Uint8Array(256);
  for (let q = 0; q < 256; q++) {
    const y = f(f32((q - zx) * sx));
    const v = f32(y / sy);
    t[q] = Number.isNaN(v) ? zy : saturate(roundHalfEven(v) + zy, 'uint8');
  }
  return t;
}

export interface QdqAnchor {
  /** The float op, read through `dq` and read only by `q`. */
  node: onnx.INodeProto;
  dq: onnx.INodeProto;
  q: onnx.INodeProto;
  /** Per-tensor uint8 parameters of its input (from `dq`) and output (from `q`); scales float32. */
  x: { scale: number; zeroPoint: number };
  y: { scale: number; zeroPoint: number };
}

/**
 * The nodes of `ops` that sit in a QDQ graph as DQ(q_x) → op → Q → q_y with per-tensor uint8 parameters (the op's
 * output has no other reader and is no graph output), in graph order.
 */
export function qdqAnchors(g: GraphProto, ops: Set<onnx.INodeProto>): QdqAnchor[] {
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const producer = new Map<string, onnx.INodeProto>();
  const consumers = new Map<string, onnx.INodeProto[]>();
  for (const n of g.node ?? []) {
    for (const o of n.output ?? []) producer.set(o, n);
    for (const x of n.input ?? []) if (x) consumers.set(x, [...(consumers.get(x) ?? []), n]);
  }
  const graphOutputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const qparams = (n: onnx.INodeProto) => {
    const s = inits.get(n.input?.[1] ?? '');
    const z = inits.get(n.input?.[2] ?? '');
    if (!s || !z || s.dataType !== DT.FLOAT || z.dataType !== DT.UINT8 || (s.dims ?? []).length || (z.dims ?? []).length) return undefined;
    return { scale: floatValues(s, 1)[0], zeroPoint: z.rawData?.length ? z.rawData[0] : (z.int32Data?.[0] ?? 0) };
  };
  const out: QdqAnchor[] = [];
  for (const node of g.node ?? []) {
    if (!ops.has(node)) continue;
    const dq = producer.get(node.input?.[0] ?? '');
    const y = node.output?.[0] ?? '';
    const q = consumers.get(y)?.length === 1 ? consumers.get(y)![0] : undefined;
    if (dq?.opType !== 'DequantizeLinear' || q?.opType !== 'QuantizeLinear' || q.input?.[0] !== y || graphOutputs.has(y)) continue;
    const x = qparams(dq);
    const yp = qparams(q);
    if (x && yp) out.push({ node, dq, q, x, y: yp });
  }
  return out;
}

/**
 * Rewrites each anchor (qdqAnchors) of `ops` whose op has a table as Cast(q_x → int32) → Gather(table [256] uint8)
 * → q_y. The DequantizeLinear goes too when nothing else reads it. Returns how many nodes became tables.
 */
export function applyLookups(g: GraphProto, ops: Set<onnx.INodeProto>, taken: Set<string>): number {
  const readers = new Map<string, number>();
  for (const n of g.node ?? []) for (const x of n.input ?? []) readers.set(x, (readers.get(x) ?? 0) + 1);
  const graphOutputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const replaced = new Map<onnx.INodeProto, onnx.NodeProto[]>();
  const dropped = new Set<onnx.INodeProto>();
  for (const { node: n, dq, q, x, y } of qdqAnchors(g, ops)) {
    const op = LOOKUP_OPS[n.opType ?? ''];
    if (!op) continue;
    const table = lookupTable(op(n), x.scale, x.zeroPoint, y.scale, y.zeroPoint);
    const base = n.name || n.output![0];
    const tableName = uniqueName(`${base}_table`, taken);
    g.initializer!.push(initializer(tableName, DT.UINT8, [256], table));
    const index = uniqueName(`${base}_index`, taken);
    replaced.set(n, [
      castNode(dq.input![0], index, DT.INT32, taken),
      onnxPb.NodeProto.create({ name: uniqueName(`${base}_lookup`, taken), opType: 'Gather', input: [tableName, index], output: [q.output![0]] }),
    ]);
    dropped.add(q);
    if (readers.get(dq.output![0]) === 1 && !graphOutputs.has(dq.output![0])) dropped.add(dq);
  }
  if (!replaced.size) return 0;
  g.node = (g.node ?? []).filter((n) => !dropped.has(n)).flatMap((n) => replaced.get(n) ?? [n]);
  return replaced.size;
}
