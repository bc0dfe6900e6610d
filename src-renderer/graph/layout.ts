// Layered layout of a graph with dagre (@dagrejs/dagre, pinned): boxes of known size, edges from producer to
// consumer, top to bottom. Pure (no DOM): runs in the layout worker (layout.worker.ts) or, where no Worker
// exists, on the page. Units: SVG user units (1 = 1 CSS px at zoom 1). Ranking (rank.ts, an iterative longest path)
// and crossing reduction (order.ts, dagre's customOrder) are our own, without recursion: dagre's overflow a worker's
// call stack on a 2,000-node chain. Edges spanning many ranks skip dagre and are routed beside the boxes
// (long-edges.ts).
import { Graph, layout } from '@dagrejs/dagre';
import { orderLayers } from './order';
import { inputRanks, LONG_EDGE_RANKS, longEdges, routeLongEdges } from './long-edges';
import { longestPathRanks } from './rank';
import type { LayoutInput, LayoutResult } from './layout-types';

export type { LayoutInput, LayoutResult } from './layout-types';

/** Vertical gap between ranks, and the margin around the drawing. */
const RANKSEP = 36;
const MARGIN = 16;

/** Boxes by dagre; edges by dagre, except those spanning more than `longEdgeRanks` ranks (long-edges.ts; Infinity: none). */
export function layoutGraph(input: LayoutInput, longEdgeRanks = LONG_EDGE_RANKS): LayoutResult {
  const t0 = performance.now();
  const startedAt = performance.timeOrigin + t0;
  const g = new Graph({ multigraph: true });
  // Greedy cycle breaking and our own ranker (a function: dagre 3 calls it; its d.ts types only the names) and order.
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: RANKSEP, edgesep: 8, marginx: MARGIN, marginy: MARGIN, acyclicer: 'greedy', ranker: longestPathRanks as unknown as string });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of input.boxes) g.setNode(b.id, { width: b.width, height: b.height });
  const ranks = inputRanks(input);
  const long = longEdges(input, ranks, longEdgeRanks);
  input.edges.forEach((e, i) => {
    if (!long.has(i)) g.setEdge(e.from, e.to, {}, `e${i}`);
  });
  layout(g, { customOrder: (lg) => orderLayers(lg) });
  const boxes: LayoutResult['boxes'] = {};
  for (const b of input.boxes) {
    const n = g.node(b.id);
    boxes[b.id] = { x: n.x, y: n.y };
  }
  const edges = input.edges.map((e, i) => {
    const points = long.has(i) ? [] : ((g.edge(e.from, e.to, `e${i}`) as { points?: { x: number; y: number }[] } | undefined)?.points ?? []);
    return points.map((p) => ({ x: p.x, y: p.y }));
  });
  const gl = g.graph();
  let width = gl.width ?? 0;
  if (long.size) {
    const { routes, maxX } = routeLongEdges(input, long, ranks!, boxes, edges, RANKSEP);
    for (const [i, pts] of routes) edges[i] = pts;
    width = Math.max(width, maxX + MARGIN);
  }
  return { boxes, edges, width, height: gl.height ?? 0, ms: performance.now() - t0, startedAt };
}
