// The Graph view's layout worker: { id, input: LayoutInput } in, { id, ok, result: LayoutResult } out (layout.ts),
// so a layout of a thousand boxes never blocks the page. One worker serves the page (layout-client.ts).
import { layoutGraph, type LayoutInput } from './layout';

self.onmessage = (e: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = e.data;
  try {
    self.postMessage({ id, ok: true, result: layoutGraph(input) });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String((err as Error)?.message ?? err) });
  }
};
