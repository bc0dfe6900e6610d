// Runs a layout in a Web Worker (layout.worker.ts, bundled by vite as its own file); where no Worker can be made
// (a test DOM, a page whose policy refuses it) the same layout runs on the page.
import { layoutGraph, type LayoutInput, type LayoutResult } from './layout';

export function layoutInWorker(input: LayoutInput): Promise<LayoutResult> {
  let worker: Worker;
  try {
    if (typeof Worker === 'undefined') return Promise.resolve(layoutGraph(input));
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(layoutGraph(input));
  }
  return new Promise<LayoutResult>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok: boolean; result?: LayoutResult; error?: string }>) => {
      worker.terminate();
      if (e.data.ok && e.data.result) resolve(e.data.result);
      else reject(new Error(e.data.error ?? 'layout failed'));
    };
    worker.onerror = () => {
      // The worker script could not load (e.g. file:// in some shells): lay out on the page instead.
      worker.terminate();
      try {
        resolve(layoutGraph(input));
      } catch (err) {
        reject(err as Error);
      }
    };
    worker.postMessage(input);
  });
}
