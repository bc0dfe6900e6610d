// Groups of a graph by name prefix (TF scopes such as `FeatureExtractor/MobilenetV2/expanded_conv_3`): the
// Graph view collapses a group into one box. Pure: node names and edges in, a smaller graph out.
import type { GraphEdge } from '../types/graph';

/** The group of `name` at `depth` (the first `depth` '/'-separated parts), or undefined when the name has no
 *  more than `depth` parts (the node is then drawn on its own). */
export function groupOf(name: string, depth: number): string | undefined {
  const parts = name.split('/');
  return parts.length > depth ? parts.slice(0, depth).join('/') : undefined;
}

/** Group → member count, for every group at `depth` that holds more than one node. */
export function groupsAt(names: readonly string[], depth: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of names) {
    const g = groupOf(n, depth);
    if (g !== undefined) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  for (const [g, c] of counts) if (c < 2) counts.delete(g);
  return counts;
}

export interface CollapsedGraph {
  /** Drawn boxes: a node's own name, or `<group>/` for a collapsed group. */
  boxes: { id: string; group?: string; members: number }[];
  /** Edges between boxes (at most one per ordered pair; edges inside a group dropped). */
  edges: { from: string; to: string; tensors: string[] }[];
  /** Node name → the box drawing it. */
  boxOf: Map<string, string>;
}

/** Collapses every group in `collapsed` (groups as groupOf names them, any depth; the longest matching prefix wins). */
export function collapseGroups(names: readonly string[], edges: readonly GraphEdge[], collapsed: ReadonlySet<string>): CollapsedGraph {
  const boxOf = new Map<string, string>();
  const boxes = new Map<string, { id: string; group?: string; members: number }>();
  for (const n of names) {
    const parts = n.split('/');
    let group: string | undefined;
    for (let d = parts.length - 1; d >= 1 && group === undefined; d--) {
      const g = parts.slice(0, d).join('/');
      if (collapsed.has(g)) group = g;
    }
    const id = group === undefined ? n : `${group}/`;
    boxOf.set(n, id);
    const b = boxes.get(id);
    if (b) b.members++;
    else boxes.set(id, { id, ...(group !== undefined ? { group } : {}), members: 1 });
  }
  const merged = new Map<string, { from: string; to: string; tensors: string[] }>();
  for (const e of edges) {
    const from = boxOf.get(e.from);
    const to = boxOf.get(e.to);
    if (from === undefined || to === undefined || from === to) continue;
    const key = `${from}\u0000${to}`;
    const m = merged.get(key);
    if (m) m.tensors.push(e.tensor);
    else merged.set(key, { from, to, tensors: [e.tensor] });
  }
  return { boxes: [...boxes.values()], edges: [...merged.values()], boxOf };
}
