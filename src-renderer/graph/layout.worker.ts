// The Graph view's layout worker: { id, input: LayoutInput, cache } in, { id, ok, result: LayoutResult } out
// (layout.ts), so a layout of a thousand boxes never blocks the page. One worker serves the page (layout-client.ts).
// With `cache` (every real layout; not the warm-ups), a layout stored by an earlier page load is returned instead of
// running dagre, and a computed one is stored (layout-cache.ts).
import { layoutGraph, type LayoutInput } from './layout';
import { cachedLayout, storeLayout } from './layout-cache';

self.onmessage = async (e: MessageEvent<{ id: number; input: LayoutInput; cache?: boolean }>) => {
  const { id, input, cache } = e.data;
  try {
    const hit = cache ? await cachedLayout(input) : undefined;
    const result = hit ?? layoutGraph(input);
    self.postMessage({ id, ok: true, result });
    if (cache && !hit) await storeLayout(input, result);
  } catch (err) {
    self.postMessage({ id, ok: false, error: String((err as Error)?.message ?? err) });
  }
};
