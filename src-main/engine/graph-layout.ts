// The layout the engine sends with a graph (API modelGraph { layout: true }): the boxes the Graph view first draws
// (default collapse, src-shared/graph/boxes.ts) laid out here, on the engine's thread (the server's engine worker,
// Electron's engine process: never a UI thread), so the page draws as soon as the graph arrives instead of laying it
// out in a fresh Web Worker. Why here: a page's worker starts with a cold JIT on every page load (CenterNet: 460–740
// ms of dagre there, against the 2 cores the page's own scripts need at that moment), while the engine lives as long
// as the app or server, so its dagre is warm after its first graph. Layouts are kept per input (the last
// LAYOUT_CACHE_SIZE), so a graph opened again, or the float32 parent beside each of its variants, is not laid out again.
// A long-lived host warms dagre once it has started (warmLayouts, engine option warmLayout).
import { BOX_H, BOX_W, boxGraph, defaultCollapsed } from '../../src-shared/graph/boxes';
import { layoutGraph, timedLayout, type LayoutInput, type LayoutResult } from '../../src-shared/graph/layout';
import { fingerprint } from '../../src-shared/graph/layout-key';
import type { ModelGraph } from '../../src-shared/types/graph';

/** Layouts kept (CenterNet's is ~100 KB). */
export const LAYOUT_CACHE_SIZE = 8;

const kept = new Map<string, LayoutResult>();

/** The layout of `g`'s boxes with its default collapse; `cached` when these boxes were laid out before. */
export function engineLayout(g: ModelGraph): LayoutResult {
  const input = boxGraph(g, defaultCollapsed(g)).input;
  const key = fingerprint(input);
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key); // most recently used last
    kept.set(key, hit);
    return { ...hit, cached: true };
  }
  realLayouts++;
  const result = timedLayout(input, performance, 'engine');
  kept.set(key, result);
  while (kept.size > LAYOUT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
  return result;
}

/** Warm-up layouts a long-lived engine runs after it starts (each a WARM_BOXES-box graph: ~0.2–0.3 s of CPU). */
export const WARM_STEPS = 3;
/** Boxes of a warm-up graph: about a bundled detector's drawing (CenterNet 318, SSD 555 boxes). */
export const WARM_BOXES = 320;
/** Pause before the first warm-up step, ms: the host's own start (opening the workspace, the first page's calls) goes first. */
export const WARM_DELAY_MS = 300;

let realLayouts = 0;

/**
 * A `n`-box graph shaped like a mobile detector's (a chain with residual skips every 5 boxes and 2-box bypasses every
 * 9): what dagre's code paths see in a real one. Box ids carry `seed`, so no warm-up is a layout-cache hit.
 */
export function warmInput(n: number, seed: number): LayoutInput {
  const boxes = Array.from({ length: n }, (_, i) => ({ id: `warm${seed}:${i}`, width: BOX_W, height: BOX_H }));
  const edges: LayoutInput['edges'] = [];
  for (let i = 1; i < n; i++) {
    edges.push({ from: boxes[i - 1]!.id, to: boxes[i]!.id });
    if (i % 5 === 0 && i >= 4) edges.push({ from: boxes[i - 4]!.id, to: boxes[i]!.id });
    if (i % 9 === 0) edges.push({ from: boxes[i - 2]!.id, to: boxes[i]!.id });
  }
  return { boxes, edges };
}

/** Pause before looking again when the engine is busy, ms. */
const BUSY_RETRY_MS = 50;

/**
 * Warms dagre's JIT on this thread for a host that lives long (server, Electron): a cold dagre lays CenterNet out in
 * 300–950 ms, a warm one in 120–330 ms. WARM_STEPS layouts, one per macrotask and only while `idle()` says no engine
 * call is running (a call arriving during a step waits for that step only; a running call — a graph being read, with
 * its file reads in between — never waits behind warm-ups), stopped as soon as the engine lays out a real graph.
 * Resolves with the steps' times, ms.
 */
export function warmLayouts(steps = WARM_STEPS, delayMs = WARM_DELAY_MS, idle: () => boolean = () => true): Promise<number[]> {
  const times: number[] = [];
  const before = realLayouts;
  return new Promise((resolve) => {
    const step = () => {
      if (times.length >= steps || realLayouts !== before) return resolve(times);
      if (!idle()) return void setTimeout(step, BUSY_RETRY_MS).unref?.();
      const t0 = performance.now();
      layoutGraph(warmInput(WARM_BOXES, times.length));
      times.push(performance.now() - t0);
      setTimeout(step, 0).unref?.();
    };
    setTimeout(step, delayMs).unref?.();
  });
}
