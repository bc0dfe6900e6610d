// Contiguous float regions for mixed precision (mixed-search.ts `expand`): the set of nodes kept in float is
// closed to the region between its members, so it forms few float islands instead of scattered nodes. Every
// boundary between a float node and an int8 one costs a DequantizeLinear / QuantizeLinear pair (and, on
// onnxruntime, a layout change between its int8 and float kernels): measured on BlazeFace, keeping its first
// conv alone in float ran at 1.4× float32 while keeping the first 32 of its 57 quantized nodes ran at 1.0×.
//
// The closure is the convex hull in the graph: a quantizable node v joins when some kept node reaches v and v
// reaches some kept node (v lies on a path between two kept nodes). Pure over the ONNX graph: no runtime.
import type { onnx } from 'onnx-proto';

type GraphProto = onnx.IGraphProto;

/** Edges between nodes (by index into g.node) through the tensors one writes and another reads. */
function edges(g: GraphProto): { next: number[][]; prev: number[][] } {
  const nodes = g.node ?? [];
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const o of n.output ?? []) if (o) producer.set(o, i);
  });
  const next: number[][] = nodes.map(() => []);
  const prev: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const x of n.input ?? []) {
      const p = x ? producer.get(x) : undefined;
      if (p !== undefined && p !== i) {
        next[p].push(i);
        prev[i].push(p);
      }
    }
  });
  return { next, prev };
}

function reach(from: number[], adj: number[][]): Set<number> {
  const seen = new Set<number>(from);
  const stack = [...from];
  while (stack.length) for (const j of adj[stack.pop()!]) if (!seen.has(j)) (seen.add(j), stack.push(j));
  return seen;
}

/**
 * Returns `expand(kept)`: the named nodes of `eligible` (the nodes mixed precision may keep in float) that lie on a
 * path between two members of `kept`, plus `kept` itself; in graph order, without duplicates.
 */
export function regionCloser(g: GraphProto, eligible: ReadonlySet<string>): (kept: readonly string[]) => string[] {
  const nodes = g.node ?? [];
  const { next, prev } = edges(g);
  const index = new Map<string, number>();
  nodes.forEach((n, i) => n.name && index.set(n.name, i));
  return (kept) => {
    const ids = kept.map((k) => index.get(k)).filter((i): i is number => i !== undefined);
    const down = reach(ids, next);
    const up = reach(ids, prev);
    const out = new Set(kept);
    nodes.forEach((n, i) => {
      if (n.name && eligible.has(n.name) && down.has(i) && up.has(i)) out.add(n.name);
    });
    return [...out].sort((a, b) => (index.get(a) ?? -1) - (index.get(b) ?? -1));
  };
}
