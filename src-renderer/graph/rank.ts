// The ranking step of the Graph view's dagre layout (dagre's `ranker` option, layout.ts), without recursion: dagre's
// rankers start from a recursive depth-first longest path whose depth is the graph's length, which overflows a
// worker's call stack on a 2,000-node chain. Longest path by Kahn's algorithm from the sinks: a sink gets rank 0, any
// other node the least of (successor's rank − the edge's minlen), so every edge spans at least its minlen and a node
// sits as low as its first consumer allows. dagre normalizes the ranks (lowest = 0) afterwards.
import type { graphlib } from '@dagrejs/dagre';

type G = graphlib.Graph;

/** Sets `rank` on every node of dagre's acyclic rank graph (edge labels carry `minlen`). */
export function longestPathRanks(g: G): void {
  const left = new Map<string, number>();
  const ready: string[] = [];
  for (const v of g.nodes()) {
    const n = g.outEdges(v)?.length ?? 0;
    left.set(v, n);
    if (n === 0) ready.push(v);
  }
  const rank = new Map<string, number>();
  for (let i = 0; i < ready.length; i++) {
    const v = ready[i]!;
    let r = Infinity;
    for (const e of g.outEdges(v) ?? []) r = Math.min(r, rank.get(e.w)! - ((g.edge(e) as { minlen?: number }).minlen ?? 1));
    rank.set(v, r === Infinity ? 0 : r);
    (g.node(v) as { rank: number }).rank = rank.get(v)!;
    for (const e of g.inEdges(v) ?? []) {
      const n = left.get(e.v)! - 1;
      left.set(e.v, n);
      if (n === 0) ready.push(e.v);
    }
  }
  if (ready.length !== g.nodeCount()) throw new Error('the rank graph has a cycle');
}
