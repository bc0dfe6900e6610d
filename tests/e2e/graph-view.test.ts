// The Graph view in headless Chromium against the real server: the SSD ONNX and its int8 variant are made in the
// workspace first (engine in-process), then the page is opened at `#/graph?variant=<id>&token=<t>` (route and token
// in one hash; the variant made with bias correction 'head' and 7-bit weights) → every node of the variant is its own SVG element, its
// float32 nodes marked kept in float (data-kept-float) → coloured by per-layer SNR (data-snr + its
// viridis fill + a title) → another frame picked recolours → search a node and select it (its details) → float32 | variant side by side with the
// diff marks → the Graph button of the Models view opens the same route. Screenshots go to test-output/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createEngine } from '../../src-main/create-engine';
import type { ModelGraph } from '../../src-shared/types/graph';
import { SHOTS, closeServedApp, openServedApp, type ServedApp } from './served-app';
import { callServer, type Served } from './server';

/** src-renderer/graph/colour.ts SNR bins (the renderer is a separate TS project; kept in step by this test). */
const SNR_BINS: [number, string][] = [[10, '#440154'], [20, '#3B528B'], [30, '#21918C'], [40, '#5EC962'], [Infinity, '#FDE725']];
let app: ServedApp;
let server: Served;
let page: Page;
let variantId: string;
let modelId: string;
let graph: ModelGraph;

beforeAll(async () => {
  app = await openServedApp('graph', { viewport: { width: 1400, height: 1000 }, prepare: makeVariant });
  ({ server, page } = app);
}, 600_000);

afterAll(() => closeServedApp(app));

/** The workspace's SSD ONNX and its int8 variant, made by the engine in-process before the server starts. */
async function makeVariant(ws: string): Promise<void> {
  const engine = await createEngine({ workspaceDir: ws, host: 'test' });
  try {
    const m = await engine.importModel({ source: 'ssd-mobilenet-v2-coco-onnx' });
    // Non-default bias correction and weight range: "keep in float" must carry them (the head scope: ~0.7 s on SSD).
    const v = await engine.convertModel({ model: m.id, to: 'int8', frames: 4, biasCorrection: 'head', reduceRange: true });
    modelId = m.id;
    variantId = v.variant.id;
    graph = await engine.modelGraph({ model: variantId });
  } finally {
    await engine.dispose();
  }
}

describe('Graph view in Chromium', () => {
  it('opens #/graph?variant=<id>&token=<t>: every node of the SSD int8 variant is its own element', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/#/graph?variant=${encodeURIComponent(variantId)}&token=${server.token}`);
    await page.locator('[data-node]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-node]').count()).toBe(graph.nodes.length);
    expect(graph.nodes.filter((n) => n.op === 'QuantizeLinear').length).toBeGreaterThan(50);
    expect(await page.locator('[data-port=input]').count()).toBe(graph.inputs.length);
    // The token left the address bar, the route stayed.
    expect(new URL(page.url()).hash).toBe(`#/graph?variant=${encodeURIComponent(variantId)}`);
    expect(await page.getByTestId('graph-summary').textContent()).toContain(`${graph.nodes.length} nodes`);
    // Kept in float: the nodes the variant's own graph computes in float32 (not the conversion's group entries),
    // each drawn node marked, and only those (plus excluded ones: none here).
    expect(graph.variant!.keptFloat.length).toBeGreaterThan(0);
    const marked = await page.locator('rect[data-node][data-kept-float]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')!));
    expect(marked.length).toBe(new Set([...graph.variant!.keptFloat, ...graph.variant!.exclude]).size);
    expect(marked.sort()).toEqual([...graph.variant!.keptFloat].sort());
    // Opened by URL, the graph is asked for by the small entry (main.tsx) before the app's bundle runs, and laid out
    // as soon as it arrives: marks in that order on the page's timeline.
    const marks = (await page.evaluate(`['edgelab:boot', 'graph:request', 'edgelab:main', 'graph:reply', 'graph:layout-sent'].map((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null)`)) as (number | null)[];
    expect(marks.every((m) => typeof m === 'number')).toBe(true);
    const [boot, request, appStart, reply, layoutSent] = marks as number[];
    expect(boot).toBeLessThanOrEqual(request);
    expect(request).toBeLessThan(appStart);
    expect(layoutSent).toBeGreaterThanOrEqual(reply);
  });

  it('colours by per-layer SNR: data-snr on the element that carries the fill, a title, a legend', async () => {
    await page.getByTestId('graph-colour').selectOption('snr');
    await page.locator('[data-snr]').first().waitFor({ timeout: 60_000 });
    const cells = await page.locator('rect[data-snr]').evaluateAll((els) => els.map((e) => ({ text: e.getAttribute('data-snr')!, snr: Number(e.getAttribute('data-snr')), fill: e.getAttribute('fill'), title: e.querySelector('title')?.textContent ?? '' })));
    expect(cells.length).toBeGreaterThan(100);
    for (const c of cells) {
      expect(c.fill).toBe(SNR_BINS.find(([below]) => c.snr < below)![1]);
      expect(c.title).toContain(`SNR ${c.text} dB`);
    }
    expect(new Set(cells.map((c) => c.fill)).size).toBeGreaterThan(1);
    expect(await page.getByTestId('graph-legend').textContent()).toContain('≥ 40 dB');
    await page.screenshot({ path: join(SHOTS, 'graph-ssd-int8-snr.png') });
  });

  it('the frame picker recolours by the per-layer SNR of the chosen frame (route frame=)', async () => {
    expect(await page.getByTestId('graph-frame').inputValue()).toBe('0');
    const snrs = () => page.locator('rect[data-snr]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-node')}=${e.getAttribute('data-snr')}`).join(' '));
    const before = await snrs();
    await page.getByTestId('graph-frame').fill('5');
    await page.getByTestId('graph-frame').press('Enter');
    expect(new URL(page.url()).hash).toContain('frame=5');
    expect(await page.getByTestId('graph-colour').locator('option[value=snr]').textContent()).toContain('frame 5');
    // The colours change once frame 5's per-layer error has arrived (meanwhile no node carries data-snr).
    let after = before;
    for (let i = 0; i < 600 && (after === before || after === ''); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await snrs();
    }
    expect(after).not.toBe(before);
    const cells = await page.locator('rect[data-snr]').evaluateAll((els) => els.map((e) => ({ snr: Number(e.getAttribute('data-snr')), fill: e.getAttribute('fill') })));
    expect(cells.length).toBeGreaterThan(100);
    for (const c of cells) expect(c.fill).toBe(SNR_BINS.find(([below]) => c.snr < below)![1]);
    // Back to the first frame: the route drops frame=, the frame-0 colours come back (computed once per page).
    await page.getByRole('button', { name: 'previous frame' }).click();
    expect(await page.getByTestId('graph-frame').inputValue()).toBe('4');
    await page.getByTestId('graph-frame').fill('0');
    await page.getByTestId('graph-frame').press('Enter');
    expect(new URL(page.url()).hash).not.toContain('frame=');
    let back = '';
    for (let i = 0; i < 600 && back !== before; i++) {
      back = await snrs();
      if (back !== before) await new Promise((r) => setTimeout(r, 100));
    }
    expect(back).toBe(before);
  }, 180_000);

  it('searches a node by name and selects it: its details, weights and per-layer error row', async () => {
    const target = graph.nodes.find((n) => n.op === 'Conv' && n.name.includes('expanded_conv_3/expand'))!;
    await page.getByTestId('graph-search').fill(target.name);
    const hits = graph.nodes.filter((n) => n.name.toLowerCase().includes(target.name.toLowerCase())).length;
    expect(await page.getByTestId('graph-matches').textContent()).toBe(hits === 1 ? '1 match' : `${hits} matches`);
    expect(await page.locator('.graph-box.match').count()).toBe(hits);
    await page.getByTestId('graph-search').press('Enter');
    const details = page.getByTestId('node-details');
    await details.waitFor();
    expect(await details.getAttribute('data-selected')).toBe(target.name);
    expect(await page.locator('.graph-box.selected rect').getAttribute('data-node')).toBe(target.name);
    expect(await page.getByTestId('node-layer-row').textContent()).toMatch(/\d+\.\d/);
    expect(new URL(page.url()).hash).toContain('node=');
    // Search by op type: every QuantizeLinear (not the DequantizeLinear nodes named …_DequantizeLinear).
    await page.getByTestId('graph-search').fill('op:QuantizeLinear');
    expect(await page.getByTestId('graph-matches').textContent()).toBe(`${graph.nodes.filter((n) => n.op === 'QuantizeLinear').length} matches`);
    await page.screenshot({ path: join(SHOTS, 'graph-ssd-int8-selected.png') });
  });

  it('keeps the selected node in float through the prefilled form: the new int8 variant marks it kept in float', async () => {
    const target = graph.nodes.find((n) => n.op === 'Conv' && n.name.includes('expanded_conv_3/expand'))!;
    expect(await page.getByTestId('node-details').getAttribute('data-selected')).toBe(target.name);
    await page.getByTestId('node-keep-float').click();
    await page.getByTestId('variant-form').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).hash).toMatch(/^#\/models\?prefill=/);
    expect(await page.getByTestId('variant-exclude').inputValue()).toBe(target.name);
    expect(await page.getByTestId('variant-kind').inputValue()).toBe('int8');
    expect(await page.getByTestId('variant-frames').inputValue()).toBe('4'); // the variant's own calibration frames
    expect(await page.getByTestId('variant-method').inputValue()).toBe('minmax');
    expect(await page.getByTestId('variant-bias-correction').inputValue()).toBe('head');
    expect(await page.getByTestId('variant-weights').inputValue()).toBe('7-bit');
    await page.getByTestId('variant-submit').click();
    await page.getByTestId('variant-made').waitFor({ timeout: 300_000 });
    const rows = page.locator('[data-testid=variant-row]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    const newId = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')))).find((id) => id !== variantId)!;
    await page.locator(`[data-testid=variant-row][data-model-id="${newId}"]`).getByTestId('graph-button').click();
    await page.locator('[data-node]').first().waitFor({ timeout: 60_000 });
    const kept = page.locator(`rect[data-node="${target.name}"]`);
    expect(await kept.getAttribute('data-kept-float')).toBe('');
    // Remade as the variant was made: the same calibration settings, only the excluded set grew.
    const remade = (await callServer(server, 'modelGraph', { model: newId })) as ModelGraph;
    expect(graph.variant!.calibrationSettings).toMatchObject({ biasCorrection: 'head', reduceRange: true });
    expect(remade.variant!.calibrationSettings).toEqual(graph.variant!.calibrationSettings);
    expect(remade.variant!.exclude).toEqual([...graph.variant!.exclude, target.name]);
    // Marked: its float32 nodes and the excluded ones (the excluded Conv computes in float32: one of them).
    expect(remade.variant!.keptFloat).toContain(target.name);
    expect(await page.locator('rect[data-node][data-kept-float]').count()).toBe(new Set([...remade.variant!.keptFloat, ...remade.variant!.exclude]).size);
    await page.goto(`http://127.0.0.1:${server.port}/#/graph?variant=${encodeURIComponent(variantId)}`);
    await page.locator('[data-node]').first().waitFor({ timeout: 60_000 });
  });

  it('float32 | variant side by side: two drawings, the Q/DQ nodes marked added', async () => {
    await page.getByTestId('graph-side').check();
    await page.locator('[data-testid=graph-svg]').nth(1).waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=graph-svg]').count()).toBe(2);
    const added = await page.locator('rect[data-diff=added]').count();
    expect(added).toBe(graph.nodes.filter((n) => n.op === 'QuantizeLinear' || n.op === 'DequantizeLinear').length);
    await page.screenshot({ path: join(SHOTS, 'graph-ssd-int8-side.png') });
  });

  it('the Graph button of the Models view opens the variant\'s graph', async () => {
    await page.locator('nav[aria-label=views]').getByRole('button', { name: 'Models', exact: true }).click();
    await page.locator(`[data-testid=variant-row][data-model-id="${variantId}"]`).getByTestId('graph-button').click();
    await page.locator('[data-node]').first().waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).hash).toBe(`#/graph?variant=${encodeURIComponent(variantId)}`);
    expect(modelId).toBeTruthy();
  });
});
