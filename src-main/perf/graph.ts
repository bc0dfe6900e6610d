// `npm run bench:graph`: the Graph view's speed in headless Chromium through `edgelab serve`, on the bundled
// CenterNet ONNX (top-level fields) and SSD ONNX (`others`), and `synthetic`: a generated graph of --synthetic nodes
// (default 2,000; synthetic-graph.ts), opened collapsed by default (collapsedGroups, drawnBoxes), then "Expand all"
// (expandAllMs: click to every node element painted; expandedNodes, expandedLayoutMs, expandedPanFrameMs). Per model:
//  - nodes / edges: of the graph (API modelGraph);
//  - layoutMs: dagre in the layout worker (the view's data-layout-ms);
//  - graphAtMs: from navigation start to the graph's arrival from the engine (page load + modelGraph over HTTP);
//  - firstPaintMs: from navigation start (performance.timeOrigin, the page opened at #/graph?model=<id>&token=<t>)
//    to the first animation frame after the first node (or collapsed group) element exists — fetch, layout and drawing included;
//  - where first paint's time goes, each ms from navigation start: htmlMs (the page's HTML received), bundleMs (the
//    last script file received), bootMs (the small entry running, main.tsx: mark edgelab:boot; it sends the view's
//    preload), appStartMs (the app's bundle parsed and running, app-mount.tsx: mark edgelab:main), graphRequestMs
//    / graphReplyMs (modelGraph sent / its reply in: marks graph:request / graph:reply), layoutSentMs / layoutStartMs /
//    layoutDoneMs (the boxes sent to the layout worker / dagre starts on them there / the layout back on the page:
//    marks graph:layout-sent / graph:layout-start / graph:layout), then firstPaintMs; scriptKb: the JavaScript the page loaded until then;
//  - panFrameMs / panFrameP95Ms: alternating drag-pan and wheel-zoom steps, one per animation frame, timed from
//    one frame to the next with Chromium's frame-rate limit off (so a frame costs what its work costs, not 16.7 ms);
//  - collapsedGroups: groups collapsed by default (0 below COLLAPSE_ABOVE nodes);
//  - reloadFirstPaintMs / reloadLayoutMs / reloadLayoutCached (CenterNet, SSD): the page reloaded, its layout from the
//    browser's layout cache (each model's page has a fresh browser profile, so the first open is always cold);
//  - chromiumUiCpuMs: CPU ms Chromium's own browser-UI renderers (--top-chrome-webui: its omnibox popup, loaded at
//    some navigations) took from navigation to first paint, competing with the page for the cores (chromium-ui-cpu.ts):
//    a sample with hundreds of ms here measured Chromium as well as the Graph view; null where /proc is missing.
// Pages are opened one after the other with --settle-ms (default 1.5 s) between them (SETTLE_MS).
import { Command } from 'commander';
import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createEngine } from '../create-engine';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';
import { writeSyntheticGraph } from './synthetic-graph';
import { launchBenchBrowser, serve } from './browser-bench';
import { meanP95 } from './mean-p95';
import { descendantsCpuMs } from './chromium-ui-cpu';

const MODELS = ['centernet-mobilenet-v3-coco-onnx', 'ssd-mobilenet-v2-coco-onnx'];

/**
 * Pause after closing a page before opening the next, ms. Chromium tears the closed page down in the background;
 * measured without a pause, the next page's modelGraph took 525 ms in the engine instead of 72–127 ms, so the
 * second model's figures measured the first one's teardown.
 */
const SETTLE_MS = 1500;

/** Installed before the page's scripts: records when the first node element is painted. */
const FIRST_PAINT_SCRIPT = `(() => {
  const obs = new MutationObserver(() => {
    if (!document.querySelector('[data-node],[data-group]')) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__graphFirstPaint = performance.now(); });
  });
  obs.observe(document, { childList: true, subtree: true });
})()`;

/** Runs in the page: `steps` pan/zoom steps on the drawing, one per frame; ms between consecutive frames. */
const PAN_SCRIPT = `async (steps) => {
  const svg = document.querySelector('[data-testid=graph-svg]');
  const r = svg.getBoundingClientRect();
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  const frame = () => new Promise((res) => requestAnimationFrame(res));
  svg.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: cx, clientY: cy, buttons: 1, pointerId: 1 }));
  await frame();
  const times = [];
  let last = performance.now();
  for (let i = 0; i < steps; i++) {
    if (i % 2 === 0) svg.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: cx + (i % 40) * 3, clientY: cy + (i % 40) * 2, buttons: 1, pointerId: 1 }));
    else svg.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, clientX: cx, clientY: cy, deltaY: i % 4 === 1 ? -40 : 40 }));
    await frame();
    const now = performance.now();
    times.push(now - last);
    last = now;
  }
  svg.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, clientX: cx, clientY: cy, pointerId: 1 }));
  return times;
}`;

/** Runs in the page: the first-paint timeline (ms since navigation start) and the script bytes loaded. */
const TIMELINE_SCRIPT = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || /\\.js$/.test(r.name));
  const mark = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null;
  return {
    htmlMs: nav ? nav.responseEnd : null,
    bundleMs: scripts.length ? Math.max(...scripts.filter((r) => r.startTime < (mark('graph:layout') ?? Infinity)).map((r) => r.responseEnd)) : null,
    bootMs: mark('edgelab:boot'),
    appStartMs: mark('edgelab:main'),
    graphRequestMs: mark('graph:request'),
    graphReplyMs: mark('graph:reply'),
    layoutSentMs: mark('graph:layout-sent'),
    layoutStartMs: mark('graph:layout-start'),
    layoutDoneMs: mark('graph:layout'),
    scriptKb: Math.round(scripts.filter((r) => r.startTime < (mark('graph:layout') ?? Infinity)).reduce((a, r) => a + (r.decodedBodySize || 0), 0) / 1024),
  };
})()`;

/** Runs in the page: clicks "Expand all" and resolves with the ms until every node element exists and is painted. */
const EXPAND_SCRIPT = `new Promise((resolve, reject) => {
  const button = [...document.querySelectorAll('[data-testid=graph-groups] button')].find((b) => b.textContent.startsWith('Expand all'));
  if (!button) return reject(new Error('no Expand all button: the graph was not collapsed'));
  const want = Number(document.querySelector('[data-testid=graph-summary]').textContent.match(/(\\d+) nodes/)[1]);
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (document.querySelectorAll('[data-node]').length < want) return;
    obs.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  });
  obs.observe(document, { childList: true, subtree: true });
  button.click();
})`;

/** Polls the page for FIRST_PAINT_SCRIPT's time (ms since navigation); throws if it never comes. */
async function firstPaintOf(page: Page, label: string): Promise<number> {
  // (Polled with evaluate: waitForFunction's string form needs eval, which the page's CSP refuses.)
  await page
    .locator('[data-node],[data-group]')
    .first()
    .waitFor({ timeout: 120_000 })
    .catch(async (e: Error) => {
      const shown = await page.locator('[role=alert], .error').first().textContent({ timeout: 1000 }).catch(() => null);
      throw new Error(`${label}: no node drawn (${e.message.split('\n')[0]})${shown ? `; the page says: ${shown}` : ''}`);
    });
  for (let i = 0; i < 200; i++) {
    const t: unknown = await page.evaluate('window.__graphFirstPaint');
    if (typeof t === 'number') return t;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${label}: the first node was never painted`);
}

/**
 * The same page reloaded: first paint when the graph is opened again in the same browser profile, its layout taken
 * from the layout cache (src-renderer/graph/layout-cache.ts) — reloadFirstPaintMs, reloadLayoutMs (the lookup),
 * reloadLayoutCached (whether the cache answered).
 */
async function measureReload(page: Page, label: string) {
  await page.reload();
  const t = await firstPaintOf(page, `${label} (reload)`);
  const cached = (await page.locator('[data-layout-ms]').getAttribute('data-layout-cached')) === '1';
  return { reloadFirstPaintMs: round(t), reloadLayoutMs: Number(await page.locator('[data-layout-ms]').getAttribute('data-layout-ms')), reloadLayoutCached: cached };
}

/** Opens `url` in a new page and measures first paint, the timeline and pan/zoom; the page is left open. */
async function measure(browser: Browser, url: string, label: string, steps: number) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(FIRST_PAINT_SCRIPT);
  const uiCpu0 = descendantsCpuMs();
  await page.goto(url);
  const firstPaintMs = await firstPaintOf(page, label);
  const uiCpu1 = descendantsCpuMs();
  const drawnNodes = await page.locator('[data-node]').count();
  const drawnBoxes = drawnNodes + (await page.locator('[data-group]').count());
  const collapsedGroups = Number((await page.locator('[data-testid=graph-groups]').getAttribute('data-collapsed').catch(() => null)) ?? 0);
  const layoutMs = Number(await page.locator('[data-layout-ms]').getAttribute('data-layout-ms'));
  const graphAtMs = Number(await page.locator('[data-graph-at]').getAttribute('data-graph-at'));
  const timeline = (await page.evaluate(TIMELINE_SCRIPT)) as Record<string, number | null>;
  const pan = meanP95((await page.evaluate(`(${PAN_SCRIPT})(${steps})`)) as number[]);
  const figures = {
    layoutMs,
    firstPaintMs: round(firstPaintMs),
    graphAtMs,
    ...Object.fromEntries(Object.entries(timeline).map(([k, v]) => [k, v === null ? null : round(v)])),
    panFrameMs: round(pan.mean),
    panFrameP95Ms: round(pan.p95),
    panSteps: steps,
    collapsedGroups,
    chromiumUiCpuMs: uiCpu0 === null || uiCpu1 === null ? null : Math.round(uiCpu1 - uiCpu0),
  };
  return { page, drawnNodes, drawnBoxes, figures };
}


const round = (x: number) => Math.round(x * 10) / 10;

export const graphSuite: BenchSuite = {
  name: 'graph',
  description: 'Graph view (layout, first paint, pan/zoom frame) of CenterNet and SSD ONNX in headless Chromium via edgelab serve',
  async run(argv) {
    const o = new Command()
      .option('--steps <n>', 'pan/zoom steps timed per model', intOption(10), 120)
      .option('--synthetic <n>', 'nodes of the synthetic graph', intOption(2), 2000)
      .option('--settle-ms <n>', 'pause between two pages, ms (the closed page is torn down meanwhile)', intOption(0), SETTLE_MS)
      .exitOverride()
      .parse(argv, { from: 'user' })
      .opts<{ steps: number; synthetic: number; settleMs: number }>();
    /** The machine's 1/5/15-minute load average before the bench starts (the machine is shared). */
    const load0 = loadavg().map(round);
    // Frame-rate limit off: a pan frame costs what its work costs, not 16.7 ms.
    const browser = await launchBenchBrowser(['--disable-frame-rate-limit', '--disable-gpu-vsync']);
    const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-graph-'));
    let proc: ChildProcess | undefined;
    let synthetic: { file: string; nodes: number; edges: number } | undefined;
    try {
      const ws = join(scratch, 'ws');
      const engine = await createEngine({ workspaceDir: ws, host: 'cli' });
      const sizes = new Map<string, { nodes: number; edges: number }>();
      for (const m of MODELS) {
        const g = await engine.modelGraph({ model: m });
        sizes.set(m, { nodes: g.nodes.length, edges: g.edges.length });
      }
      const file = await writeSyntheticGraph(join(ws, `synthetic-${o.synthetic}.onnx`), o.synthetic);
      const sg = await engine.modelGraph({ model: file });
      synthetic = { file, nodes: sg.nodes.length, edges: sg.edges.length };
      await engine.dispose();
      const served = await serve(ws);
      proc = served.proc;
      const u = new URL(served.url);
      const token = /token=([^&]+)/.exec(u.hash)?.[1] ?? '';
      const results: Record<string, unknown>[] = [];
      for (const m of MODELS) {
        const size = sizes.get(m)!;
        const r = await measure(browser, `${u.origin}/#/graph?model=${encodeURIComponent(m)}&token=${token}`, m, o.steps);
        if (r.drawnNodes !== size.nodes) throw new Error(`${m}: ${r.drawnNodes} node elements drawn, the graph has ${size.nodes}`);
        const reload = await measureReload(r.page, m);
        await r.page.close();
        await new Promise((res) => setTimeout(res, o.settleMs));
        results.push({ model: m, nodes: size.nodes, edges: size.edges, ...r.figures, ...reload });
      }
      // The synthetic graph: collapsed by default (past COLLAPSE_ABOVE nodes), then "Expand all": every node drawn.
      const s = synthetic!;
      const r = await measure(browser, `${u.origin}/#/graph?model=${encodeURIComponent(s.file)}&token=${token}`, 'synthetic', o.steps);
      const expanded = (await r.page.evaluate(EXPAND_SCRIPT)) as number;
      const expandedNodes = await r.page.locator('[data-node]').count();
      if (expandedNodes !== s.nodes) throw new Error(`synthetic: ${expandedNodes} node elements after Expand all, the graph has ${s.nodes}`);
      const expandedLayoutMs = Number(await r.page.locator('[data-layout-ms]').getAttribute('data-layout-ms'));
      const expandedPan = meanP95((await r.page.evaluate(`(${PAN_SCRIPT})(${o.steps})`)) as number[]);
      await r.page.close();
      const syntheticFigures = {
        nodes: s.nodes,
        edges: s.edges,
        ...r.figures,
        drawnBoxes: r.drawnBoxes,
        expandAllMs: round(expanded),
        expandedNodes,
        expandedLayoutMs,
        expandedPanFrameMs: round(expandedPan.mean),
        expandedPanFrameP95Ms: round(expandedPan.p95),
      };
      return { ...results[0], others: results.slice(1), synthetic: syntheticFigures, browser: `chromium ${browser.version()}`, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAvgAtStart: load0 };
    } finally {
      await browser.close();
      proc?.kill('SIGTERM');
      await fs.rm(scratch, { recursive: true, force: true });
    }
  },
};
