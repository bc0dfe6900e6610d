// The crossing-reduction step of the Graph view's dagre layout (dagre's `customOrder` hook, layout.ts), written
// without recursion: dagre's own initial order is a recursive depth-first walk whose depth is the graph's length,
// which overflows the call stack on a 2,000-node chain (RangeError in init-order), and its sweeps dominate the layout
// time. Here: an iterative depth-first initial order (successors in input order, roots by rank), then `sweeps`
// alternating barycenter sweeps (down: by predecessors' positions, up: by successors'), the order with the fewest
// crossings kept. Works on dagre's layered graph: every edge spans one rank (long edges already split by dummies);
// sets each node's `order` (its position in its rank, 0-based).
import type { graphlib } from '@dagrejs/dagre';

type G = graphlib.Graph;

/** Alternating sweeps tried after the initial order. */
export const ORDER_SWEEPS = 8;

const rankOf = (g: G, v: string) => (g.node(v) as { rank: number }).rank;

/** Nodes per rank in depth-first order from the lowest-ranked roots; no recursion. */
export function initialLayers(g: G): string[][] {
  const nodes = g.nodes().filter((v) => !g.children(v)?.length);
  const maxRank = Math.max(0, ...nodes.map((v) => rankOf(g, v)));
  const layers: string[][] = Array.from({ length: maxRank + 1 }, () => []);
  const seen = new Set<string>();
  const byRank = [...nodes].sort((a, b) => rankOf(g, a) - rankOf(g, b));
  for (const root of byRank) {
    const stack = [root];
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      layers[rankOf(g, v)]!.push(v);
      const next = g.successors(v) ?? [];
      for (let i = next.length - 1; i >= 0; i--) if (!seen.has(next[i]!)) stack.push(next[i]!); // first successor on top
    }
  }
  return layers;
}

/** Crossings between two adjacent layers (edges from `upper` to `lower`), by counting inversions with a Fenwick tree. */
function crossingsBetween(g: G, upper: string[], lower: string[]): number {
  const pos = new Map(lower.map((v, i) => [v, i]));
  const ends: number[] = [];
  for (const u of upper) {
    const targets = (g.outEdges(u) ?? []).map((e) => pos.get(e.w)).filter((x): x is number => x !== undefined);
    targets.sort((a, b) => a - b);
    ends.push(...targets);
  }
  const tree = new Array<number>(lower.length + 1).fill(0);
  let count = 0;
  for (let i = 0; i < ends.length; i++) {
    // Edges seen so far ending strictly right of this one cross it.
    let atOrLeft = 0;
    for (let j = ends[i]! + 1; j > 0; j -= j & -j) atOrLeft += tree[j]!;
    count += i - atOrLeft;
    for (let j = ends[i]! + 1; j <= lower.length; j += j & -j) tree[j]!++;
  }
  return count;
}

export function crossings(g: G, layers: string[][]): number {
  let c = 0;
  for (let r = 1; r < layers.length; r++) c += crossingsBetween(g, layers[r - 1]!, layers[r]!);
  return c;
}

/** Reorders `layer` by the mean position of each node's neighbours in `fixed` (no neighbour: keeps its place). */
function sortByBarycenter(layer: string[], fixed: string[], neighbours: (v: string) => string[] | undefined): string[] {
  const pos = new Map(fixed.map((v, i) => [v, i]));
  const keyed = layer.map((v, i) => {
    const ps = (neighbours(v) ?? []).map((n) => pos.get(n)).filter((x): x is number => x !== undefined);
    return { v, i, bc: ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : i * (fixed.length / Math.max(1, layer.length)) };
  });
  keyed.sort((a, b) => a.bc - b.bc || a.i - b.i);
  return keyed.map((k) => k.v);
}

/** dagre `customOrder`: sets every node's `order`. */
export function orderLayers(g: G, sweeps = ORDER_SWEEPS): void {
  let layers = initialLayers(g);
  let best = layers;
  let bestCrossings = crossings(g, layers);
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    const down = s % 2 === 0;
    const next = layers.map((l) => [...l]);
    if (down) for (let r = 1; r < next.length; r++) next[r] = sortByBarycenter(next[r]!, next[r - 1]!, (v) => g.predecessors(v));
    else for (let r = next.length - 2; r >= 0; r--) next[r] = sortByBarycenter(next[r]!, next[r + 1]!, (v) => g.successors(v));
    layers = next;
    const c = crossings(g, layers);
    if (c < bestCrossings) {
      best = layers;
      bestCrossings = c;
    }
  }
  for (const layer of best) layer.forEach((v, i) => ((g.node(v) as { order: number }).order = i));
}
