// What the Graph view lays out: one box per node (or per collapsed group), one per graph input and output,
// and the edges between boxes. Past COLLAPSE_ABOVE nodes, groups (src-shared/graph/groups.ts, name prefixes at
// a depth chosen by defaultCollapsed) start collapsed so the first drawing comes fast and stays interactive; below
// it every node is drawn. The threshold only sets the default: the user expands groups, or all of them
// (useCollapsed.ts), and a graph of up to 2,000 nodes drawn fully expanded stays interactive (bench:graph synthetic).
import { collapseGroups, groupsAt } from '../../src-shared/graph/groups';
import type { ModelGraph } from '../../src-shared/types/graph';
import type { LayoutInput } from './layout';

/** Node count past which groups start collapsed (the default only). */
export const COLLAPSE_ABOVE = 1000;
/** Most boxes the default collapse leaves (about a bundled detector's drawing: a fast first paint). */
export const COLLAPSED_BOXES = 400;
/** Deepest name depth tried for the default collapse. */
export const MAX_DEPTH = 8;
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

/**
 * Groups collapsed by default: none up to COLLAPSE_ABOVE nodes; past it, every group at the deepest name depth (up to
 * MAX_DEPTH) whose collapse leaves at most COLLAPSED_BOXES boxes (the most detail that still paints fast), else depth 1.
 */
export function defaultCollapsed(g: ModelGraph): Set<string> {
  if (g.nodes.length <= COLLAPSE_ABOVE) return new Set();
  const names = g.nodes.map((n) => n.name);
  let best = new Set(groupsAt(names, 1).keys());
  for (let d = 2; d <= MAX_DEPTH; d++) {
    const groups = new Set(groupsAt(names, d).keys());
    if (groups.size === 0) break;
    if (collapseGroups(names, [], groups).boxes.length > COLLAPSED_BOXES) break;
    best = groups;
  }
  return best;
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
