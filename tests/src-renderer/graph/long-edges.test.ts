// Long edges of the Graph layout (long-edges.ts): an edge spanning more than LONG_EDGE_RANKS ranks skips dagre and is
// routed beside the boxes. Ranks equal those of the dagre layout of every edge (leaving a long edge out moves no
// box up or down), routes run through no box, overlapping spans get their own lanes, and a graph with a cycle (which
// collapsed groups can make) goes through dagre whole.
import { describe, expect, it } from 'vitest';
import { layoutGraph, type LayoutInput } from '../../../src-renderer/graph/layout';
import { inputRanks, LONG_EDGE_RANKS, longEdges } from '../../../src-renderer/graph/long-edges';
import { expectLongRoutes } from './layout-checks';

/** A backbone of `n` boxes with a side branch every 7 boxes, skip edges of spans 9, 20 and 40 and a head fed from far up. */
function skipNet(n: number): LayoutInput {
  const boxes = Array.from({ length: n }, (_, i) => ({ id: `b${i}`, width: 120 + (i % 3) * 30, height: 30 }));
  const edges = boxes.slice(1).map((b, i) => ({ from: `b${i}`, to: b.id }));
  for (let i = 0; i + 3 < n; i += 7) {
    boxes.push({ id: `side${i}`, width: 90, height: 30 });
    edges.push({ from: `b${i}`, to: `side${i}` }, { from: `side${i}`, to: `b${i + 3}` });
  }
  for (const [from, span] of [[2, 9], [5, 20], [8, 40], [30, 9], [31, 12]] as const) edges.push({ from: `b${from}`, to: `b${from + span}` });
  boxes.push({ id: 'head', width: 200, height: 30 });
  edges.push({ from: 'b4', to: 'head' }, { from: `b${n - 1}`, to: 'head' });
  return { boxes, edges };
}

describe('long edges', () => {
  it('routes the edges spanning more than LONG_EDGE_RANKS ranks beside the boxes, with the ranks of the whole dagre layout', () => {
    const input = skipNet(60);
    const l = layoutGraph(input);
    const long = expectLongRoutes(input, l, LONG_EDGE_RANKS);
    const ranks = inputRanks(input)!;
    // spans 9, 20, 40, 9, 12 and the head's (b4 → head: 56 ranks); side branches (span 3) and the backbone stay in dagre
    expect(long.map((i) => ranks.get(input.edges[i]!.to)! - ranks.get(input.edges[i]!.from)!).sort((a, b) => a - b)).toEqual([9, 9, 12, 20, 40, 56]);
    const all = layoutGraph(input, Infinity);
    expect(all.edges.every((pts) => pts.length >= 2)).toBe(true);
    for (const b of input.boxes) expect(l.boxes[b.id]!.y, b.id).toBe(all.boxes[b.id]!.y);
    expect(l.height).toBe(all.height);
  });

  it('with a cycle (collapsed groups feeding each other) nothing is taken out of dagre', () => {
    const input: LayoutInput = {
      boxes: ['a', 'b', 'c', ...Array.from({ length: 20 }, (_, i) => `n${i}`)].map((id) => ({ id, width: 100, height: 30 })),
      edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'a' }, { from: 'c', to: 'n0' }, ...Array.from({ length: 19 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}` })), { from: 'a', to: 'n19' }],
    };
    expect(inputRanks(input)).toBeUndefined();
    expect(longEdges(input, inputRanks(input)).size).toBe(0);
    const l = layoutGraph(input);
    expect(Object.keys(l.boxes)).toHaveLength(23);
    expect(l.edges.every((pts) => pts.length >= 2)).toBe(true);
  });
});
