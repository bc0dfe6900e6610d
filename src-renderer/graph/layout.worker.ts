// The Graph view's layout worker: one LayoutInput in, one LayoutResult out (layout.ts), so a layout of a
// thousand boxes never blocks the page.
import { layoutGraph, type LayoutInput } from './layout';

self.onmessage = (e: MessageEvent<LayoutInput>) => {
  try {
    self.postMessage({ ok: true, result: layoutGraph(e.data) });
  } catch (err) {
    self.postMessage({ ok: false, error: String((err as Error)?.message ?? err) });
  }
};
