// What the Graph view lays out: every node and port of a real-sized graph drawn expanded below COLLAPSE_ABOVE
// nodes; past it (a 2,500-node synthetic graph of 50 scopes) the scopes start collapsed, the layout stays small and
// expanding one group brings back exactly its nodes. The dagre layout places every box and routes every edge.
import { describe, expect, it } from 'vitest';
import { boxGraph, COLLAPSE_ABOVE, COLLAPSED_BOXES, defaultCollapsed } from '../../../src-renderer/graph/boxes';
import { layoutGraph } from '../../../src-renderer/graph/layout';
import type { GraphNode, ModelGraph } from '../../../src-shared/types/graph';
import { tfLike } from './tf-like';

/** `scopes` chains of `per` nodes named `block_<s>/unit_<i>/op`, each chain fed by the previous one's last node. */
function synthetic(scopes: number, per: number): ModelGraph {
  const nodes: GraphNode[] = [];
  const edges: ModelGraph['edges'] = [];
  let prev: string | undefined;
  for (let s = 0; s < scopes; s++) {
    for (let i = 0; i < per; i++) {
      const name = `block_${s}/unit_${i}/op`;
      nodes.push({ name, op: i % 2 ? 'Relu' : 'Conv', inputs: prev ? [prev] : ['x'], outputs: [name], attributes: {}, weights: [] });
      if (prev) edges.push({ tensor: prev, from: prev, to: name });
      prev = name;
    }
  }
  return { model: 'synthetic', format: 'onnx', nodes, edges, inputs: [{ name: 'x', shape: [1, 3], dtype: 'float32', nodes: [nodes[0]!.name] }], outputs: [{ name: prev!, shape: [], dtype: 'float32', nodes: [prev!] }] };
}

describe('boxGraph', () => {
  it('the default collapse starts past COLLAPSE_ABOVE nodes: 1,000 drawn expanded, 1,001 and 2,000 by block scope', () => {
    expect(COLLAPSE_ABOVE).toBe(1000);
    expect(defaultCollapsed(tfLike(1000)).size).toBe(0);
    // The deepest name depth that leaves at most COLLAPSED_BOXES boxes: 1,001 nodes → the blocks' expand/depthwise/project
    // parts (3 per block; the last block's lone node stays itself); 2,000 → the blocks (their parts would be 750 boxes).
    const cases = [
      { n: 1001, groups: 125 * 3, depth: 4 },
      { n: 2000, groups: 250, depth: 3 },
    ];
    for (const { n, groups, depth } of cases) {
      const g = tfLike(n);
      const collapsed = defaultCollapsed(g);
      expect(collapsed.size).toBe(groups);
      expect([...collapsed].every((x) => x.startsWith('FeatureExtractor/MobilenetV2/expanded_conv_') && x.split('/').length === depth)).toBe(true);
      const b = boxGraph(g, collapsed);
      expect(b.boxes.length).toBeLessThanOrEqual(COLLAPSED_BOXES);
      expect(b.boxes.filter((x) => x.kind === 'group').length).toBe(groups);
      // "Expand all": every node its own box again.
      expect(boxGraph(g, new Set()).boxes.filter((x) => x.kind === 'node')).toHaveLength(n);
    }
  });

  it('below the threshold every node is its own box, ports included; dagre places them all', () => {
    const g = synthetic(10, 30);
    expect(defaultCollapsed(g).size).toBe(0);
    const b = boxGraph(g, defaultCollapsed(g));
    expect(b.boxes.filter((x) => x.kind === 'node').length).toBe(300);
    expect(b.boxes.filter((x) => x.kind === 'input' || x.kind === 'output').length).toBe(2);
    const l = layoutGraph(b.input);
    expect(Object.keys(l.boxes).length).toBe(b.boxes.length);
    expect(l.edges.every((pts) => pts.length >= 2)).toBe(true);
  });

  it('past COLLAPSE_ABOVE nodes the scopes start collapsed; expanding one restores its nodes', () => {
    const g = synthetic(50, 50);
    expect(g.nodes.length).toBeGreaterThan(COLLAPSE_ABOVE);
    // block_<s>/unit_<i> scopes hold one node each: collapsing them gains nothing, so the blocks collapse.
    const collapsed = defaultCollapsed(g);
    expect([...collapsed].sort()).toEqual([...new Set(g.nodes.map((n) => n.name.split('/')[0]!))].sort());
    const b = boxGraph(g, collapsed);
    expect(b.boxes.filter((x) => x.kind === 'group').length).toBe(50);
    expect(b.edges.filter((e) => !e.from.includes('\u0000') && !e.to.includes('\u0000')).length).toBe(49);
    const one = boxGraph(g, new Set([...new Set(g.nodes.map((n) => n.name.split('/')[0]!))].filter((s) => s !== 'block_7')));
    expect(one.boxes.filter((x) => x.kind === 'node').length).toBe(50);
    expect(one.boxes.filter((x) => x.kind === 'group').length).toBe(49);
  });
});
