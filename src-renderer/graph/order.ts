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

/** The layered graph as index arrays (graphlib's accessors build arrays on every call: too slow inside sweeps). */
interface Adj {
  index: Map<string, number>;
  names: string[];
  /** Per node: its successors' / predecessors' indices, one entry per edge. */
  succ: number[][];
  pred: number[][];
}

function adjacency(g: G, layers: string[][]): Adj {
  const index = new Map<string, number>();
  const names: string[] = [];
  for (const l of layers) for (const v of l) {
    index.set(v, names.length);
    names.push(v);
  }
  const succ: number[][] = Array.from({ length: index.size }, () => []);
  const pred: number[][] = Array.from({ length: index.size }, () => []);
  for (const e of g.edges()) {
    const a = index.get(e.v);
    const b = index.get(e.w);
    if (a === undefined || b === undefined) continue;
    succ[a]!.push(b);
    pred[b]!.push(a);
  }
  return { index, names, succ, pred };
}

/** Crossings between adjacent layers (index arrays; `pos` = each node's place in its layer), by counting inversions. */
function countCrossings(adj: Adj, layers: number[][], pos: Int32Array): number {
  let count = 0;
  for (let r = 1; r < layers.length; r++) {
    const lower = layers[r]!.length;
    const tree = new Int32Array(lower + 1);
    let seen = 0;
    for (const u of layers[r - 1]!) {
      const ends = adj.succ[u]!.map((w) => pos[w]!).sort((a, b) => a - b);
      for (const end of ends) {
        // Edges seen so far ending strictly right of this one cross it.
        let atOrLeft = 0;
        for (let j = end + 1; j > 0; j -= j & -j) atOrLeft += tree[j]!;
        count += seen - atOrLeft;
        for (let j = end + 1; j <= lower; j += j & -j) tree[j]!++;
        seen++;
      }
    }
  }
  return count;
}

function place(layers: number[][], pos: Int32Array): void {
  for (const l of layers) l.forEach((v, i) => (pos[v] = i));
}

/** Crossings of `layers` (node names per rank) in `g`. */
export function crossings(g: G, layers: string[][]): number {
  const adj = adjacency(g, layers);
  const idx = layers.map((l) => l.map((v) => adj.index.get(v)!));
  const pos = new Int32Array(adj.index.size);
  place(idx, pos);
  return countCrossings(adj, idx, pos);
}

/** Reorders `layer` by the mean place of each node's neighbours in the adjacent layer (none: keeps its place). */
function sortByBarycenter(layer: number[], neighbours: number[][], pos: Int32Array, scale: number): number[] {
  const keys = new Float64Array(layer.length);
  layer.forEach((v, i) => {
    const ns = neighbours[v]!;
    let sum = 0;
    for (const n of ns) sum += pos[n]!;
    keys[i] = ns.length ? sum / ns.length : i * scale;
  });
  const order = layer.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  return order.map((i) => layer[i]!);
}

/** dagre `customOrder`: sets every node's `order`. */
export function orderLayers(g: G, sweeps = ORDER_SWEEPS): void {
  const names = initialLayers(g);
  const adj = adjacency(g, names);
  let layers = names.map((l) => l.map((v) => adj.index.get(v)!));
  const pos = new Int32Array(adj.index.size);
  place(layers, pos);
  let best = layers;
  let bestCrossings = countCrossings(adj, layers, pos);
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    const down = s % 2 === 0;
    const next = layers.map((l) => [...l]);
    place(next, pos);
    if (down) {
      for (let r = 1; r < next.length; r++) {
        next[r] = sortByBarycenter(next[r]!, adj.pred, pos, next[r - 1]!.length / Math.max(1, next[r]!.length));
        next[r]!.forEach((v, i) => (pos[v] = i));
      }
    } else {
      for (let r = next.length - 2; r >= 0; r--) {
        next[r] = sortByBarycenter(next[r]!, adj.succ, pos, next[r + 1]!.length / Math.max(1, next[r]!.length));
        next[r]!.forEach((v, i) => (pos[v] = i));
      }
    }
    layers = next;
    const c = countCrossings(adj, layers, pos);
    if (c < bestCrossings) {
      best = layers;
      bestCrossings = c;
    }
  }
  for (const l of best) l.forEach((v, i) => ((g.node(adj.names[v]!) as { order: number }).order = i));
}
