// Long edges of the Graph view's layout (layout.ts): an edge spanning more than LONG_EDGE_RANKS ranks — a skip
// connection from a backbone to a head, a residual add — is left out of dagre and routed beside the boxes here.
// dagre splits every edge into one dummy node per rank it crosses and positions each dummy like a box: CenterNet's 3
// skip edges alone (spans 183, 150, 58) were 388 of its 670 dummies next to 318 boxes, and dagre's
// normalize/order/position time grows with them. bench:graph, 3 interleaved pairs (AMD EPYC, 2 cores): layoutMs
// CenterNet 417–557 → 202–350, SSD 549–652 → 338–435; first paint CenterNet 1 299–2 000 → 1 270–1 593 ms, SSD
// 1 376–1 723 → 1 140–1 285 ms.
// Leaving an edge out does not move any box's rank: ranks are longest paths from the sinks (rank.ts), where a node's
// rank is set by its nearest consumer, and an edge spanning more than one rank is never that consumer's edge.
// Units: SVG user units, y grows downwards (ranks top to bottom).
import type { LayoutInput } from './layout-types';
import { ranksFromSinks } from './rank';

/** Edges spanning more ranks than this are routed here instead of by dagre. */
export const LONG_EDGE_RANKS = 8;
/** Gap between the boxes' (and dagre's edges') right edge and a lane, and between lanes. */
const LANE_GAP = 14;

/**
 * Rank of every box (0 = a sink; a producer sits one rank above its nearest consumer), by the ranker dagre uses
 * (rank.ts ranksFromSinks); undefined when the edges have a cycle (collapsed groups can make one: dagre's acyclicer handles it).
 */
export function inputRanks(input: LayoutInput): Map<string, number> | undefined {
  const out = new Map<string, { to: string; minlen: number }[]>();
  const into = new Map<string, string[]>();
  for (const b of input.boxes) {
    out.set(b.id, []);
    into.set(b.id, []);
  }
  for (const e of input.edges) {
    if (e.from === e.to || !out.has(e.from) || !out.has(e.to)) continue;
    out.get(e.from)!.push({ to: e.to, minlen: 1 });
    into.get(e.to)!.push(e.from);
  }
  return ranksFromSinks(
    input.boxes.map((b) => b.id),
    (v) => out.get(v)!,
    (v) => into.get(v)!,
  );
}

/** Indices of the input edges spanning more than `maxSpan` ranks (none when the graph has a cycle). */
export function longEdges(input: LayoutInput, ranks: Map<string, number> | undefined, maxSpan = LONG_EDGE_RANKS): Set<number> {
  const long = new Set<number>();
  if (!ranks) return long;
  input.edges.forEach((e, i) => {
    const a = ranks.get(e.from);
    const b = ranks.get(e.to);
    if (a !== undefined && b !== undefined && b - a > maxSpan) long.add(i);
  });
  return long;
}

type Pt = { x: number; y: number };

/**
 * Orthogonal routes of the long edges beside the laid-out boxes: down from the producer into the gap below its
 * rank, right to a lane past every box (and every dagre edge point) of the ranks spanned, down the lane, left in the
 * gap above the consumer's rank, down into it. Edges whose rank spans overlap get lanes LANE_GAP apart. Returns the
 * routes by edge index and the right-most x used (the layout's width must cover it).
 */
export function routeLongEdges(
  input: LayoutInput,
  long: Set<number>,
  ranks: Map<string, number>,
  boxes: Record<string, Pt>,
  dagreEdges: Pt[][],
  ranksep: number,
): { routes: Map<number, Pt[]>; maxX: number } {
  const size = new Map(input.boxes.map((b) => [b.id, b]));
  // Per rank: the y of its centre line and half its tallest box (dagre centres a rank's boxes on one line).
  const rankY = new Map<number, { y: number; half: number }>();
  for (const b of input.boxes) {
    const r = ranks.get(b.id)!;
    const had = rankY.get(r);
    rankY.set(r, { y: boxes[b.id]!.y, half: Math.max(had?.half ?? 0, b.height / 2) });
  }
  const points = dagreEdges.flat();
  const rightOf = (top: number, bottom: number) => {
    let x = -Infinity;
    for (const b of input.boxes) {
      const p = boxes[b.id]!;
      if (p.y + b.height / 2 >= top && p.y - b.height / 2 <= bottom) x = Math.max(x, p.x + b.width / 2);
    }
    for (const p of points) if (p.y >= top && p.y <= bottom) x = Math.max(x, p.x);
    return x;
  };
  // Shorter spans first, so they take the lanes nearest the boxes and a longer edge passes outside them.
  const span = (i: number) => ranks.get(input.edges[i]!.to)! - ranks.get(input.edges[i]!.from)!;
  const order = [...long].sort((i, j) => span(i) - span(j) || ranks.get(input.edges[i]!.from)! - ranks.get(input.edges[j]!.from)!);
  const placed: { rf: number; rt: number; x: number }[] = [];
  const routes = new Map<number, Pt[]>();
  let maxX = -Infinity;
  for (const i of order) {
    const e = input.edges[i]!;
    const [from, to] = [boxes[e.from]!, boxes[e.to]!];
    const [rf, rt] = [ranks.get(e.from)!, ranks.get(e.to)!];
    const below = rankY.get(rf)!.y + rankY.get(rf)!.half + ranksep / 2;
    const above = rankY.get(rt)!.y - rankY.get(rt)!.half - ranksep / 2;
    // Its own lane: right of the boxes it passes and of every lane placed over an overlapping span.
    let x = rightOf(below, above) + LANE_GAP;
    for (const p of placed) if (p.rt >= rf && p.rf <= rt) x = Math.max(x, p.x + LANE_GAP);
    placed.push({ rf, rt, x });
    maxX = Math.max(maxX, x);
    routes.set(i, [
      { x: from.x, y: from.y + size.get(e.from)!.height / 2 },
      { x: from.x, y: below },
      { x, y: below },
      { x, y: above },
      { x: to.x, y: above },
      { x: to.x, y: to.y - size.get(e.to)!.height / 2 },
    ]);
  }
  return { routes, maxX };
}
