// @vitest-environment happy-dom
// The Graph view's collapse state (useCollapsed) in React: a graph past COLLAPSE_ABOVE nodes starts with its groups
// collapsed, the first value already (so the view lays the graph out once); expanding one group, "expand all" and
// back to the default; a new graph starts from its own default; a graph within the threshold starts expanded.
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultCollapsed } from '../../../src-renderer/graph/boxes';
import { useCollapsed } from '../../../src-renderer/graph/useCollapsed';
import type { ModelGraph } from '../../../src-shared/types/graph';
import { tfLike } from './tf-like';

describe('useCollapsed', () => {
  it('collapses a 2,000-node graph by default from the first render; expand one, expand all, reset', () => {
    const g = tfLike(2000);
    const seen: number[] = [];
    const { result } = renderHook(() => {
      const c = useCollapsed(g);
      seen.push(c.collapsed.size);
      return c;
    });
    expect(seen[0]).toBe(250);
    expect(result.current.byDefault).toBe(250);
    const one = 'FeatureExtractor/MobilenetV2/expanded_conv_7';
    expect(result.current.collapsed.has(one)).toBe(true);
    act(() => result.current.expand(one));
    expect(result.current.collapsed.has(one)).toBe(false);
    expect(result.current.collapsed.size).toBe(249);
    act(() => result.current.expandAll());
    expect(result.current.collapsed.size).toBe(0);
    act(() => result.current.reset());
    expect([...result.current.collapsed]).toEqual([...defaultCollapsed(g)]);
  });

  it('a new graph starts from its own default; up to 1,000 nodes nothing is collapsed', () => {
    const { result, rerender } = renderHook(({ g }: { g: ModelGraph | null }) => useCollapsed(g), { initialProps: { g: tfLike(2000) as ModelGraph | null } });
    act(() => result.current.expandAll());
    expect(result.current.collapsed.size).toBe(0);
    rerender({ g: tfLike(1600) });
    expect(result.current.collapsed.size).toBe(200);
    rerender({ g: tfLike(1000) });
    expect(result.current.collapsed.size).toBe(0);
    expect(result.current.byDefault).toBe(0);
    rerender({ g: null });
    expect(result.current.collapsed.size).toBe(0);
  });
});
