// Runs layouts in one Web Worker per page (layout.worker.ts, bundled by vite as its own file), kept for the page's
// life so its JIT stays warm; `bootLayout` lays out small synthetic graphs while the real one is still being
// fetched (a cold dagre takes several times longer than a warm one). Where no Worker can be made (a test DOM, a page whose
// policy refuses it) the same layout runs on the page.
// (layout.ts — dagre — is imported dynamically for that fallback: the page's bundles never carry dagre otherwise.)
import type { LayoutInput, LayoutResult } from './layout';
import { fingerprint } from './layout-cache';

const layoutOnPage = (input: LayoutInput): Promise<LayoutResult> => import('./layout').then((m) => m.layoutGraph(input));

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
        layoutOnPage(p.input).then(p.resolve, p.reject);
      }
    };
  }
  return worker;
}

/** Layouts asked recently, by input (fingerprint): the same boxes and edges asked again share one layout. */
const recent = new Map<string, Promise<LayoutResult>>();
/** Layouts remembered (a graph and its float32 parent, collapsed and expanded: a few). */
const RECENT_LAYOUTS = 4;

/**
 * Lays out `input` in the worker (on the page where there is none). The same input asked again while its layout
 * is running or among the last RECENT_LAYOUTS gets that layout: graph-fetch.ts lays a graph out the moment it
 * arrives, before the view has mounted, and the view asking for the same boxes takes that layout. `cache`: the worker
 * may answer with a layout stored by an earlier page load and stores the one it computes (layout-cache.ts); the
 * warm-ups pass false.
 */
export function layoutInWorker(input: LayoutInput, cache = true): Promise<LayoutResult> {
  const key = fingerprint(input);
  const had = recent.get(key);
  if (had) return had;
  const w = getWorker();
  const result = w
    ? new Promise<LayoutResult>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject, input });
        w.postMessage({ id, input, cache });
      })
    : layoutOnPage(input);
  recent.set(key, result);
  result.catch(() => recent.get(key) === result && recent.delete(key)); // a failed layout is asked again
  while (recent.size > RECENT_LAYOUTS) recent.delete(recent.keys().next().value!);
  return result;
}

let warmed = false;
/** Warm-up layouts still to run (each a small graph: a real layout waits at most one of them). */
const WARM_STEPS = 6;
const WARM_BOXES = 48;

/** A `n`-box layered graph with branches (what dagre's code paths see in a detector). */
function warmInput(n: number, seed: number): LayoutInput {
  const boxes = Array.from({ length: n }, (_, i) => ({ id: `w${i}`, width: 176, height: 38 }));
  const edges = boxes.slice(1).map((b, i) => ({ from: `w${(i + seed) % 7 === 0 ? Math.max(0, i - 5) : i}`, to: b.id }));
  return { boxes, edges };
}

/**
 * Once per page: starts the worker and warms dagre's JIT with a few small layouts sent one after another, each
 * only when no real layout is waiting (so a real graph never queues behind more than one small warm-up step).
 */
export function bootLayout(): void {
  if (warmed) return;
  warmed = true;
  let step = 0;
  const next = () => {
    if (step >= WARM_STEPS || pending.size > 0) return;
    void layoutInWorker(warmInput(WARM_BOXES, step++), false).then(next, () => {});
  };
  next();
}
