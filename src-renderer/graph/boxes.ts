// What the Graph view lays out: one box per node (or per collapsed group), one per graph input and output,
// and the edges between boxes. Past COLLAPSE_ABOVE nodes, groups (src-shared/graph/groups.ts, name prefixes at
// COLLAPSE_DEPTH) start collapsed so the page stays interactive; below it every node is drawn.
import { collapseGroups, groupsAt } from '../../src-shared/graph/groups';
import type { ModelGraph } from '../../src-shared/types/graph';
import type { LayoutInput } from './layout';

export const COLLAPSE_ABOVE = 2000;
export const COLLAPSE_DEPTH = 2;
export const BOX_W = 176;
export const BOX_H = 38;
export const PORT_H = 26;

export type BoxKind = 'node' | 'group' | 'input' | 'output';

export interface Box {
  id: string;
  kind: BoxKind;
  /** Node name (node), group prefix (group), tensor name (input/output). */
  name: string;
  members: number;
}

export interface BoxGraph {
  boxes: Box[];
  /** Edges between boxes, with the tensors each carries (first one shown on hover). */
  edges: { from: string; to: string; tensors: string[] }[];
  input: LayoutInput;
}

export const portId = (kind: 'input' | 'output', name: string) => `${kind}\u0000${name}`;

/** Groups collapsed by default: none below COLLAPSE_ABOVE nodes, else every group at COLLAPSE_DEPTH. */
export function defaultCollapsed(g: ModelGraph): Set<string> {
  return g.nodes.length > COLLAPSE_ABOVE ? new Set(groupsAt(g.nodes.map((n) => n.name), COLLAPSE_DEPTH).keys()) : new Set();
}

export function boxGraph(g: ModelGraph, collapsed: ReadonlySet<string>): BoxGraph {
  const c = collapseGroups(g.nodes.map((n) => n.name), g.edges, collapsed);
  const boxes: Box[] = c.boxes.map((b) => (b.group === undefined ? { id: b.id, kind: 'node', name: b.id, members: 1 } : { id: b.id, kind: 'group', name: b.group, members: b.members }));
  const edges = [...c.edges];
  for (const p of g.inputs) {
    boxes.push({ id: portId('input', p.name), kind: 'input', name: p.name, members: 0 });
    for (const to of new Set(p.nodes.map((n) => c.boxOf.get(n)!).filter(Boolean))) edges.push({ from: portId('input', p.name), to, tensors: [p.name] });
  }
  for (const p of g.outputs) {
    boxes.push({ id: portId('output', p.name), kind: 'output', name: p.name, members: 0 });
    for (const from of new Set(p.nodes.map((n) => c.boxOf.get(n)!).filter(Boolean))) edges.push({ from, to: portId('output', p.name), tensors: [p.name] });
  }
  const input: LayoutInput = {
    boxes: boxes.map((b) => ({ id: b.id, width: BOX_W, height: b.kind === 'input' || b.kind === 'output' ? PORT_H : BOX_H })),
    edges: edges.map((e) => ({ from: e.from, to: e.to })),
  };
  return { boxes, edges, input };
}
