// The ranking step of the Graph view's dagre layout (dagre's `ranker` option, layout.ts), without recursion: dagre's
// rankers start from a recursive depth-first longest path whose depth is the graph's length, which overflows a
// worker's call stack on a 2,000-node chain. Longest path by Kahn's algorithm from the sinks: a sink gets rank 0, any
// other node the least of (successor's rank − the edge's minlen), so every edge spans at least its minlen and a node
// sits as low as its first consumer allows. dagre normalizes the ranks (lowest = 0) afterwards.
import type { graphlib } from '@dagrejs/dagre';

type G = graphlib.Graph;

/**
 * Longest path from the sinks by Kahn's algorithm over `nodes`: a sink gets rank 0, any other node the least of
 * (successor's rank − that edge's minlen). `out(v)`: v's edges (one entry per edge); `into(v)`: the producers of v's
 * in-edges (one entry per edge, so a multi-edge counts as many times in both). Undefined when the edges have a cycle.
 */
export function ranksFromSinks(nodes: readonly string[], out: (v: string) => readonly { to: string; minlen: number }[], into: (v: string) => readonly string[]): Map<string, number> | undefined {
  const left = new Map<string, number>();
  const ready: string[] = [];
  for (const v of nodes) {
    const n = out(v).length;
    left.set(v, n);
    if (n === 0) ready.push(v);
  }
  const rank = new Map<string, number>();
  for (let i = 0; i < ready.length; i++) {
    const v = ready[i]!;
    let r = Infinity;
    for (const e of out(v)) r = Math.min(r, rank.get(e.to)! - e.minlen);
    rank.set(v, r === Infinity ? 0 : r);
    for (const u of into(v)) {
      const n = left.get(u)! - 1;
      left.set(u, n);
      if (n === 0) ready.push(u);
    }
  }
  return ready.length === nodes.length ? rank : undefined;
}

/** Sets `rank` on every node of dagre's acyclic rank graph (edge labels carry `minlen`). */
export function longestPathRanks(g: G): void {
  const rank = ranksFromSinks(
    g.nodes(),
    (v) => (g.outEdges(v) ?? []).map((e) => ({ to: e.w, minlen: (g.edge(e) as { minlen?: number }).minlen ?? 1 })),
    (v) => (g.inEdges(v) ?? []).map((e) => e.v),
  );
  if (!rank) throw new Error('the rank graph has a cycle');
  for (const [v, r] of rank) (g.node(v) as { rank: number }).rank = r;
}
