// `npm run bench:ui`: the renderer's draw and seek speed in headless Chromium through `edgelab serve`.
// Two real SSD-MobileNetV2 replays of the cup clip (cadence 3 and 6) are written to a temp workspace, the built
// renderer is opened in Chromium, then
//  - draw: the bench route (#/bench-draw, views/DrawBench.tsx) draws 50 labelled boxes on the 1280×720 overlay
//    layer per frame with the replay views' canvas code, ≥ 200 frames (rasterisation forced per frame);
//    drawMsPerFrame is that overlay layer; pictureMsPerFrame the thumbnail layer; frameMsPerFrame both;
//  - seek: the A/B view of the two runs gets random slider seeks; each is timed in the page from the input event
//    until both canvases have painted the requested frame (picture + boxes), first visits and revisits apart.
//    The view warms every frame's JPEG in the background: half the seeks start as soon as the compare job is done
//    (seekCold*: some JPEGs still to fetch), half after --settle-ms (seekWarm*); seekMs/seekP95Ms cover both.
import { Command } from 'commander';
import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../create-engine';
import { launchBenchBrowser, serve } from './browser-bench';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';
import { meanP95 } from './mean-p95';

/** Runs in the page: random seeks on the A/B slider, ms from the input event to both canvases painted. */
const SEEK_SCRIPT = `async ({ seeks, seed }) => {
  let s = seed >>> 0;
  const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const slider = document.querySelector('[data-testid=frame-slider]');
  const canvases = [...document.querySelectorAll('[data-testid=canvas-a],[data-testid=canvas-b]')];
  const max = Number(slider.max);
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const seen = new Set([Number(slider.value)]);
  const first = [], again = [];
  for (let i = 0; i < seeks; i++) {
    let f = Math.floor(rnd() * (max + 1));
    if (f === Number(slider.value)) f = (f + 1) % (max + 1);
    const t0 = performance.now();
    setValue.call(slider, String(f));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => {
      const done = () => canvases.every((c) => c.dataset.paintedFrame === String(f));
      if (done()) return resolve();
      const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(); } });
      for (const c of canvases) obs.observe(c, { attributes: true, attributeFilter: ['data-painted-frame'] });
    });
    (seen.has(f) ? again : first).push(performance.now() - t0);
    seen.add(f);
    await new Promise((r) => setTimeout(r, 30));
  }
  return { first, again, frames: max + 1 };
}`;


export const uiSuite: BenchSuite = {
  name: 'ui',
  description: 'renderer draw (50 boxes over 1280×720) and A/B seek times in headless Chromium via edgelab serve',
  async run(argv) {
    const o = new Command()
      .option('--frames <n>', 'frames of the two replays', intOption(10), 60)
      .option('--seeks <n>', 'random seeks in the A/B view', intOption(5), 60)
      .option('--draw-frames <n>', 'frames drawn by the draw benchmark', intOption(200), 240)
      .option('--settle-ms <n>', 'pause between the two seek phases (background warming of the JPEGs)', intOption(0), 3000)
      .exitOverride()
      .parse(argv, { from: 'user' })
      .opts<{ frames: number; seeks: number; drawFrames: number; settleMs: number }>();
    const browser = await launchBenchBrowser();
    const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-ui-'));
    let proc: ChildProcess | undefined;
    try {
      const ws = join(scratch, 'ws');
      const engine = await createEngine({ workspaceDir: ws, host: 'cli' });
      const a = await engine.replay({ model: 'ssd-mobilenet-v2-coco', clip: 'cup', frames: o.frames, detectEvery: 3 });
      const b = await engine.replay({ model: 'ssd-mobilenet-v2-coco', clip: 'cup', frames: o.frames, detectEvery: 6 });
      await engine.dispose();
      const served = await serve(ws);
      proc = served.proc;
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(served.url);
      await page.getByTestId('engine-info').filter({ hasText: 'engine' }).waitFor({ timeout: 60_000 });

      await page.evaluate(`location.hash = '#/bench-draw?frames=${o.drawFrames}&boxes=50'`);
      const pre = page.getByTestId('draw-bench');
      await pre.filter({ hasText: 'drawMsPerFrame' }).or(pre.filter({ hasText: 'error' })).waitFor({ timeout: 120_000 });
      const draw = JSON.parse((await pre.textContent()) ?? '{}') as Record<string, number>;
      if ('error' in draw) throw new Error(`draw bench: ${String(draw.error)}`);

      await page.evaluate(`location.hash = '#/ab?baseline=${a.id}&variant=${b.id}'`);
      await page.getByTestId('ab-verdict').waitFor({ timeout: 300_000 }); // compare done: seeks are timed on an idle engine
      await page.locator('[data-testid=canvas-b][data-painted-frame]').waitFor({ timeout: 30_000 });
      // Phase 1 right after the view opened (JPEGs still warming in the background), phase 2 after settleMs.
      const half = Math.ceil(o.seeks / 2);
      const p1 = (await page.evaluate(`(${SEEK_SCRIPT})(${JSON.stringify({ seeks: half, seed: 7 })})`)) as { first: number[]; again: number[]; frames: number };
      await new Promise((r) => setTimeout(r, o.settleMs));
      const p2 = (await page.evaluate(`(${SEEK_SCRIPT})(${JSON.stringify({ seeks: o.seeks - half, seed: 11 })})`)) as { first: number[]; again: number[]; frames: number };
      const cold = [...p1.first, ...p1.again];
      const warm = [...p2.first, ...p2.again];
      const all = meanP95([...cold, ...warm]);
      const c = meanP95(cold);
      const w = meanP95(warm);
      const again = meanP95([...p1.again, ...p2.again]);
      return {
        suite: 'ui',
        browser: `chromium ${browser.version()}`,
        drawMsPerFrame: draw.drawMsPerFrame,
        drawP95Ms: draw.drawP95Ms,
        drawP50Ms: draw.drawP50Ms,
        pictureMsPerFrame: draw.pictureMsPerFrame,
        pictureSize: draw.pictureSize,
        frameMsPerFrame: draw.frameMsPerFrame,
        frameP95Ms: draw.frameP95Ms,
        drawFrames: draw.frames,
        drawBoxes: draw.boxes,
        drawSize: `${draw.width}x${draw.height}`,
        seekMs: all.mean,
        seekP95Ms: all.p95,
        seeks: cold.length + warm.length,
        seekColdMs: c.mean,
        seekColdP95Ms: c.p95,
        seekWarmMs: w.mean,
        seekWarmP95Ms: w.p95,
        seekRevisitMs: p1.again.length + p2.again.length ? again.mean : null,
        seekRevisits: p1.again.length + p2.again.length,
        runFrames: p1.frames,
        settleMs: o.settleMs,
        thumbnails: 'stored 320 px JPEGs, drawn at the clip size (640x480)',
      };
    } finally {
      await browser.close();
      proc?.kill('SIGTERM');
      await fs.rm(scratch, { recursive: true, force: true });
    }
  },
};
