// Float32 graph vs a variant's graph (the Graph view's diff marks): nodes matched by name. A variant node no float
// node is named like is `added` (a conversion inserts QuantizeLinear / DequantizeLinear / Cast); a float node the
// variant lacks is `removed` (TFLite's QUANTIZE / DEQUANTIZE count as conversion ops too) (an activation the int8 pre-pass folded into its producer, a constant sub-graph folded
// into an initializer); a node in both is
// `changed` when its op, attributes or activation inputs differ. Activation inputs are compared after looking
// through the nodes the conversion added (Q → DQ, Cast: back to the tensor they carry), so `int8` reads as "same
// graph + these Q/DQ pairs". Constant inputs (weights, constant sub-graphs) are compared by what they hold, not by
// name, and their differences (stored dtype, shapes — int8 or fp16 storage, folded biases) do not make a node
// `changed`: they are listed apart in `weights`.
import type { GraphNode, ModelGraph } from '../types/graph';

export type DiffStatus = 'same' | 'added' | 'removed' | 'changed';

/** Ops a conversion inserts between a tensor and its readers without changing what it carries (up to rounding). */
export const CONVERSION_OPS: ReadonlySet<string> = new Set(['QuantizeLinear', 'DequantizeLinear', 'Cast', 'FakeQuantWithMinMaxVars', 'QUANTIZE', 'DEQUANTIZE']);

export interface NodeDiff {
  name: string;
  op: string;
  status: DiffStatus;
  /** Why `changed` (op, attribute, input k). */
  reasons: string[];
}

export interface GraphDiff {
  /** Variant nodes with no float node of that name. */
  added: NodeDiff[];
  /** Float nodes with no variant node of that name. */
  removed: NodeDiff[];
  changed: NodeDiff[];
  /** Nodes in both whose op, attributes and activation inputs agree. */
  same: number;
  /** Nodes in both whose weights differ (stored dtype or shape), with what differs. */
  weights: { name: string; from: string; to: string }[];
  /** Node name → status, float and variant nodes alike (a name is in one graph, or in both with one status). */
  status: Record<string, DiffStatus>;
}

/**
 * Constant tensors of `g`: weights, and outputs of nodes that read only constants (a Cast of a float16
 * initializer, a constant sub-graph; ONNX Constant nodes) → a description (stored dtype and shape, or `computed`).
 */
function constants(g: ModelGraph, producer: Map<string, GraphNode>): Map<string, string> {
  const out = new Map<string, string>(g.nodes.flatMap((n) => n.weights.map((w) => [w.name, `${w.dtype}[${w.shape.join('×')}]`] as const)));
  const state = new Map<string, boolean>();
  const isConst = (n: GraphNode): boolean => {
    const known = state.get(n.name);
    if (known !== undefined) return known;
    state.set(n.name, false); // a cycle (TF loops) is not constant
    const c = n.inputs.every((t) => out.has(t) || (producer.get(t) !== undefined && isConst(producer.get(t)!)));
    state.set(n.name, c);
    if (c) for (const o of n.outputs) if (!out.has(o)) out.set(o, 'computed');
    return c;
  };
  for (const n of g.nodes) isConst(n);
  return out;
}

/** What a node reads: activations (by tensor) and constants (by description), looking through `skip` nodes. */
function reads(g: ModelGraph, skip: (n: GraphNode) => boolean): Map<string, { acts: string[]; weights: string[] }> {
  const producer = new Map<string, GraphNode>();
  for (const n of g.nodes) for (const o of n.outputs) if (!producer.has(o)) producer.set(o, n);
  const weight = constants(g, producer);
  const out = new Map<string, { acts: string[]; weights: string[] }>();
  for (const n of g.nodes) {
    const acts: string[] = [];
    const weights: string[] = [];
    for (const input of n.inputs) {
      let t = input;
      for (let p = producer.get(t), hops = 0; p && skip(p) && p.inputs[0] !== undefined && hops < 16; p = producer.get(t), hops++) t = p.inputs[0];
      const w = weight.get(t) ?? weight.get(input);
      if (w !== undefined) weights.push(w);
      else acts.push(t);
    }
    out.set(n.name, { acts, weights });
  }
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffGraphs(float: ModelGraph, variant: ModelGraph): GraphDiff {
  const fBy = new Map(float.nodes.map((n) => [n.name, n]));
  const vBy = new Map(variant.nodes.map((n) => [n.name, n]));
  const added = variant.nodes.filter((n) => !fBy.has(n.name)).map((n): NodeDiff => ({ name: n.name, op: n.op, status: 'added', reasons: [] }));
  const addedNames = new Set(added.map((n) => n.name));
  const removed = float.nodes.filter((n) => !vBy.has(n.name)).map((n): NodeDiff => ({ name: n.name, op: n.op, status: 'removed', reasons: [] }));
  const floatTensors = new Set([...float.inputs.map((p) => p.name), ...float.nodes.flatMap((n) => n.outputs)]);
  const fReads = reads(float, () => false);
  const vReads = reads(variant, (p) => addedNames.has(p.name) && CONVERSION_OPS.has(p.op));
  // A tensor a common node writes under another name in the variant (a graph output handed to its DQ) is
  // compared as the float node's output of the same index.
  const vToF = new Map<string, string>();
  for (const v of variant.nodes) {
    const f = fBy.get(v.name);
    if (f) v.outputs.forEach((o, k) => !floatTensors.has(o) && f.outputs[k] !== undefined && vToF.set(o, f.outputs[k]));
  }
  const changed: NodeDiff[] = [];
  const weights: GraphDiff['weights'] = [];
  let same = 0;
  for (const f of float.nodes) {
    const v = vBy.get(f.name);
    if (!v) continue;
    const reasons: string[] = [];
    if (f.op !== v.op) reasons.push(`op ${f.op} → ${v.op}`);
    for (const k of new Set([...Object.keys(f.attributes), ...Object.keys(v.attributes)])) {
      if (f.attributes[k] !== v.attributes[k]) reasons.push(`attribute ${k}: ${f.attributes[k] ?? '—'} → ${v.attributes[k] ?? '—'}`);
    }
    const fr = fReads.get(f.name)!;
    const vr = vReads.get(v.name)!;
    const vActs = vr.acts.map((t) => vToF.get(t) ?? t);
    if (!sameJson(fr.acts, vActs)) reasons.push(`inputs [${fr.acts.join(', ')}] → [${vActs.join(', ')}]`);
    if (!sameJson(fr.weights, vr.weights)) weights.push({ name: f.name, from: fr.weights.join(', '), to: vr.weights.join(', ') });
    if (reasons.length > 0) changed.push({ name: f.name, op: v.op, status: 'changed', reasons });
    else same++;
  }
  const status: Record<string, DiffStatus> = {};
  for (const n of float.nodes) status[n.name] = 'same';
  for (const d of [...added, ...removed, ...changed]) status[d.name] = d.status;
  return { added, removed, changed, same, weights, status };
}
