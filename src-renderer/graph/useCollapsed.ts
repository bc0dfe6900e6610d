// Which groups of a graph are collapsed: the default (boxes.ts defaultCollapsed: none up to COLLAPSE_ABOVE nodes,
// past it the deepest scopes that keep the drawing at most that many boxes) until the user changes it — expands a
// group, "expand all" (every node its own box, whatever the size), or back to the default. Derived in the same
// render as the graph, so a new graph is laid out once, already collapsed (no expanded layout thrown away).
import { useCallback, useMemo, useState } from 'react';
import type { ModelGraph } from '../../src-shared/types/graph';
import { defaultCollapsed } from './boxes';

export interface Collapsed {
  /** Group prefixes drawn as one box. */
  collapsed: ReadonlySet<string>;
  /** How many groups the default collapses for this graph (0: drawn expanded by default). */
  byDefault: number;
  expand(group: string): void;
  expandAll(): void;
  reset(): void;
}

export function useCollapsed(g: ModelGraph | null): Collapsed {
  const initial = useMemo<ReadonlySet<string>>(() => (g ? defaultCollapsed(g) : new Set()), [g]);
  // The user's choice, valid for the graph it was made on only.
  const [own, setOwn] = useState<{ g: ModelGraph | null; set: ReadonlySet<string> } | null>(null);
  const collapsed = own && own.g === g ? own.set : initial;
  const expand = useCallback((group: string) => setOwn({ g, set: new Set([...collapsed].filter((x) => x !== group)) }), [g, collapsed]);
  const expandAll = useCallback(() => setOwn({ g, set: new Set() }), [g]);
  const reset = useCallback(() => setOwn(null), []);
  return { collapsed, byDefault: initial.size, expand, expandAll, reset };
}
