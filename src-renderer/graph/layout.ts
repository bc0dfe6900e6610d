// Layered layout of a graph with dagre (@dagrejs/dagre, pinned): boxes of known size, edges from producer to
// consumer, top to bottom. Pure (no DOM): runs in the layout worker (layout.worker.ts) or, where no Worker
// exists, on the page. Units: SVG user units (1 = 1 CSS px at zoom 1). Ranking (rank.ts, an iterative longest path)
// and crossing reduction (order.ts, dagre's customOrder) are our own, without recursion: dagre's overflow a worker's
// call stack on a 2,000-node chain.
import { Graph, layout } from '@dagrejs/dagre';
import { orderLayers } from './order';
import { longestPathRanks } from './rank';

export interface LayoutInput {
  boxes: { id: string; width: number; height: number }[];
  edges: { from: string; to: string }[];
}

export interface LayoutResult {
  /** Box id → centre. */
  boxes: Record<string, { x: number; y: number }>;
  /** Per input edge, in input order: the polyline from producer to consumer. */
  edges: { x: number; y: number }[][];
  width: number;
  height: number;
  /** Time dagre took, ms. */
  ms: number;
  /** When dagre started, ms since the epoch (performance.timeOrigin + now: comparable across page and worker). */
  startedAt: number;
  /** Taken from the layout cache (layout-cache.ts) instead of dagre: `ms` is then the lookup's time. */
  cached?: boolean;
}

export function layoutGraph(input: LayoutInput): LayoutResult {
  const t0 = performance.now();
  const startedAt = performance.timeOrigin + t0;
  const g = new Graph({ multigraph: true });
  // Greedy cycle breaking and our own ranker (a function: dagre 3 calls it; its d.ts types only the names) and order.
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 36, edgesep: 8, marginx: 16, marginy: 16, acyclicer: 'greedy', ranker: longestPathRanks as unknown as string });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of input.boxes) g.setNode(b.id, { width: b.width, height: b.height });
  input.edges.forEach((e, i) => g.setEdge(e.from, e.to, {}, `e${i}`));
  layout(g, { customOrder: (lg) => orderLayers(lg) });
  const boxes: LayoutResult['boxes'] = {};
  for (const b of input.boxes) {
    const n = g.node(b.id);
    boxes[b.id] = { x: n.x, y: n.y };
  }
  const edges = input.edges.map((e, i) => {
    const points = (g.edge(e.from, e.to, `e${i}`) as { points?: { x: number; y: number }[] } | undefined)?.points ?? [];
    return points.map((p) => ({ x: p.x, y: p.y }));
  });
  const gl = g.graph();
  return { boxes, edges, width: gl.width ?? 0, height: gl.height ?? 0, ms: performance.now() - t0, startedAt };
}
