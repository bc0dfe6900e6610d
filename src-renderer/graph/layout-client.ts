// Runs layouts in one Web Worker per page (layout.worker.ts, bundled by vite as its own file), kept for the page's
// life so its JIT stays warm; `warmLayout` lays out a synthetic graph while the real one is still being fetched
// (a cold dagre takes several times longer than a warm one). Where no Worker can be made (a test DOM, a page whose
// policy refuses it) the same layout runs on the page.
import { layoutGraph, type LayoutInput, type LayoutResult } from './layout';

type Reply = { id: number; ok: boolean; result?: LayoutResult; error?: string };

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, { resolve(r: LayoutResult): void; reject(e: Error): void; input: LayoutInput }>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  if (worker) {
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if (e.data.ok && e.data.result) p.resolve(e.data.result);
      else p.reject(new Error(e.data.error ?? 'layout failed'));
    };
    worker.onerror = () => {
      // The worker script could not load (e.g. file:// in some shells): lay out on the page from now on.
      worker?.terminate();
      worker = null;
      for (const [id, p] of pending) {
        pending.delete(id);
        try {
          p.resolve(layoutGraph(p.input));
        } catch (err) {
          p.reject(err as Error);
        }
      }
    };
  }
  return worker;
}

export function layoutInWorker(input: LayoutInput): Promise<LayoutResult> {
  const w = getWorker();
  if (!w) return Promise.resolve().then(() => layoutGraph(input));
  return new Promise<LayoutResult>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, input });
    w.postMessage({ id, input });
  });
}

let warmed = false;

/** Once per page: a 240-box layered graph with branches, laid out in the worker and thrown away. */
export function warmLayout(): void {
  if (warmed) return;
  warmed = true;
  const boxes = Array.from({ length: 240 }, (_, i) => ({ id: `w${i}`, width: 176, height: 38 }));
  const edges = boxes.slice(1).map((b, i) => ({ from: `w${i % 7 === 0 ? Math.max(0, i - 5) : i}`, to: b.id }));
  void layoutInWorker({ boxes, edges }).catch(() => {});
}
