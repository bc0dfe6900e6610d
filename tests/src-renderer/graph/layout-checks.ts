// Checks of the Graph layout's long-edge routes (long-edges.ts) shared by the synthetic tests (long-edges.test.ts)
// and the real bundled models' (tests/src-main/engine/graph-layout-real.test.ts). Pure (no DOM, no Node).
import { expect } from 'vitest';
import type { LayoutInput, LayoutResult } from '../../../src-renderer/graph/layout';
import { inputRanks, longEdges } from '../../../src-renderer/graph/long-edges';

type Pt = { x: number; y: number };

/** True when the axis-parallel segment a–b runs through the inside of the box (touching its border is not). */
function crossesBox(a: Pt, b: Pt, box: { x: number; y: number; w: number; h: number }): boolean {
  const [l, r, t, btm] = [box.x - box.w / 2, box.x + box.w / 2, box.y - box.h / 2, box.y + box.h / 2];
  const eps = 0.5;
  if (a.x === b.x) return a.x > l + eps && a.x < r - eps && Math.max(a.y, b.y) > t + eps && Math.min(a.y, b.y) < btm - eps;
  return a.y > t + eps && a.y < btm - eps && Math.max(a.x, b.x) > l + eps && Math.min(a.x, b.x) < r - eps;
}

/**
 * Every edge spanning more than `maxSpan` ranks is routed beside the boxes: from its producer's bottom centre to its
 * consumer's top centre, in axis-parallel segments, through no box; edges whose rank spans overlap run in distinct
 * lanes. Returns the long edges' indices.
 */
export function expectLongRoutes(input: LayoutInput, l: LayoutResult, maxSpan: number): number[] {
  const ranks = inputRanks(input);
  expect(ranks, 'the graph is acyclic').toBeDefined();
  const long = [...longEdges(input, ranks, maxSpan)];
  const size = new Map(input.boxes.map((b) => [b.id, b]));
  const boxes = input.boxes.map((b) => ({ id: b.id, x: l.boxes[b.id]!.x, y: l.boxes[b.id]!.y, w: b.width, h: b.height }));
  for (const i of long) {
    const e = input.edges[i]!;
    const pts = l.edges[i]!;
    expect(pts[0], `edge ${i} leaves ${e.from} at its bottom centre`).toEqual({ x: l.boxes[e.from]!.x, y: l.boxes[e.from]!.y + size.get(e.from)!.height / 2 });
    expect(pts.at(-1), `edge ${i} enters ${e.to} at its top centre`).toEqual({ x: l.boxes[e.to]!.x, y: l.boxes[e.to]!.y - size.get(e.to)!.height / 2 });
    for (let k = 1; k < pts.length; k++) {
      const [a, b] = [pts[k - 1]!, pts[k]!];
      expect(a.x === b.x || a.y === b.y, `edge ${i} segment ${k} is axis-parallel`).toBe(true);
      const hit = boxes.find((box) => crossesBox(a, b, box));
      expect(hit?.id, `edge ${i} (${e.from} → ${e.to}) segment ${k} runs through a box`).toBeUndefined();
    }
  }
  const span = (i: number) => [ranks!.get(input.edges[i]!.from)!, ranks!.get(input.edges[i]!.to)!] as const;
  for (const i of long)
    for (const j of long) {
      if (i >= j) continue;
      const [a, b] = [span(i), span(j)];
      if (a[1] >= b[0] && b[1] >= a[0]) expect(l.edges[i]![2]!.x, `edges ${i} and ${j} overlap in ranks: distinct lanes`).not.toBe(l.edges[j]![2]!.x);
    }
  expect(l.width).toBeGreaterThanOrEqual(Math.max(0, ...long.map((i) => l.edges[i]![2]!.x)));
  return long;
}
