// The Graph view's layout (dagre with the iterative crossing reduction of order.ts): a 2,000-node chain of blocks
// with residual edges (where dagre's recursive initial order overflows the stack) is laid out, every box placed on
// its own spot; the sweeps untangle a crossing the initial order makes; the order of each rank is a permutation; the
// ranker keeps every edge's minlen; neither recurses (a 50,000-node chain, far past any call stack, goes through).
import { describe, expect, it } from 'vitest';
import { Graph } from '@dagrejs/dagre';
import { layoutGraph, type LayoutInput } from '../../../src-renderer/graph/layout';
import { crossings, initialLayers, orderLayers } from '../../../src-renderer/graph/order';
import { longestPathRanks } from '../../../src-renderer/graph/rank';

/** `n` boxes in a chain, every 9th box also fed by the box 9 before it (a residual edge). */
function chain(n: number): LayoutInput {
  const boxes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, width: 176, height: 38 }));
  const edges = boxes.slice(1).map((b, i) => ({ from: `n${i}`, to: b.id }));
  for (let i = 9; i < n; i += 9) edges.push({ from: `n${i - 9}`, to: `n${i}` });
  return { boxes, edges };
}

/** A layered graph as dagre's order step sees it: nodes with `rank`, edges spanning one rank. */
function layered(ranks: string[][], edges: [string, string][]): InstanceType<typeof Graph> {
  const g = new Graph({ multigraph: true, compound: true });
  ranks.forEach((r, i) => r.forEach((v) => g.setNode(v, { rank: i })));
  for (const [a, b] of edges) g.setEdge(a, b, { weight: 1 });
  return g;
}

describe('layoutGraph', () => {
  it('lays out a 2,000-box chain with residual edges: every box placed, ranks top to bottom', () => {
    const input = chain(2000);
    const l = layoutGraph(input);
    expect(Object.keys(l.boxes)).toHaveLength(2000);
    expect(l.edges).toHaveLength(input.edges.length);
    expect(l.edges.every((pts) => pts.length >= 2)).toBe(true);
    for (let i = 1; i < 2000; i++) expect(l.boxes[`n${i}`]!.y).toBeGreaterThan(l.boxes[`n${i - 1}`]!.y);
    const spots = new Set(Object.values(l.boxes).map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(spots.size).toBe(2000);
  });
});

describe('orderLayers', () => {
  it('removes the crossing its depth-first initial order makes, and numbers each rank 0..n-1', () => {
    // a feeds c and e, b feeds c and d: the depth-first walk orders the lower rank c, e, d, so a→e crosses b→c.
    const g = layered([['a', 'b'], ['c', 'e', 'd']], [['a', 'c'], ['a', 'e'], ['b', 'c'], ['b', 'd']]);
    const init = initialLayers(g);
    expect(init[1]).toEqual(['c', 'e', 'd']);
    expect(crossings(g, init)).toBe(1);
    orderLayers(g);
    const orders = (vs: string[]) => vs.map((v) => (g.node(v) as { order: number }).order);
    expect(orders(['a', 'b']).sort()).toEqual([0, 1]);
    expect(orders(['c', 'e', 'd']).sort()).toEqual([0, 1, 2]);
    const final = [['a', 'b'], ['c', 'e', 'd']].map((r) => [...r].sort((p, q) => (g.node(p) as { order: number }).order - (g.node(q) as { order: number }).order));
    expect(crossings(g, final)).toBe(0);
  });
});

describe('longestPathRanks and initialLayers without recursion', () => {
  it('rank a diamond by minlen (sinks 0) and a 50,000-node chain, then order it one node per rank', () => {
    const d = new Graph({ multigraph: true });
    for (const v of ['a', 'b', 'c', 'e']) d.setNode(v, {});
    d.setEdge('a', 'b', { minlen: 1 });
    d.setEdge('a', 'c', { minlen: 3 });
    d.setEdge('b', 'e', { minlen: 1 });
    d.setEdge('c', 'e', { minlen: 1 });
    longestPathRanks(d);
    const r = (v: string) => (d.node(v) as { rank: number }).rank;
    expect([r('a'), r('b'), r('c'), r('e')]).toEqual([-4, -1, -1, 0]);
    const n = 50_000;
    const g = new Graph({ multigraph: true });
    for (let i = 0; i < n; i++) g.setNode(`n${i}`, {});
    for (let i = 1; i < n; i++) g.setEdge(`n${i - 1}`, `n${i}`, { minlen: 1 });
    longestPathRanks(g);
    expect((g.node('n0') as { rank: number }).rank).toBe(-(n - 1));
    for (let i = 0; i < n; i++) (g.node(`n${i}`) as { rank: number }).rank += n - 1;
    const layers = initialLayers(g);
    expect(layers).toHaveLength(n);
    expect(layers.every((l, i) => l.length === 1 && l[0] === `n${i}`)).toBe(true);
  });
});
