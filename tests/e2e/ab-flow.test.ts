// The main flow in headless Chromium against the real server (`edgelab serve`), all through the UI:
// import the bundled SSD-MobileNetV2 → make its uint8 variant → replay the hold-up clip with both (24 frames,
// detector every 3rd) → open Replay A/B → the compare events are on the timeline → `]` jumps to the next event →
// the events and the variant's per-layer error for that frame are shown → the overlay designer's settings are
// applied live, saved in the project and exported as JSON; the pair's HTML report is written via `report`.
// A reload keeps the A/B view (route in the URL hash). From an event, one click opens the variant's graph coloured
// by that frame's per-layer error.
// Screenshots go to test-output/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { countColour } from './pixels';
import { SHOTS, closeServedApp, openServedApp, type ServedApp } from './served-app';
import type { Served } from './server';

/** src-renderer/lib/runColours.ts (the renderer is a separate TS project; kept in step by this test). */
const BASELINE_COLOUR = '#0072B2';
const VARIANT_COLOUR = '#D55E00';
let app: ServedApp;
let scratch: string;
let server: Served;
let page: Page;
/** The A/B route of the float32 / uint8 pair, for the class-scope test. */
let abHash = '';

const frameNumber = async () => Number(/frame (\d+)/.exec((await page.getByTestId('frame-label').textContent()) ?? '')?.[1] ?? NaN);

beforeAll(async () => {
  app = await openServedApp('ab', { viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  ({ scratch, server, page } = app);
}, 600_000);

afterAll(() => closeServedApp(app));

describe('A/B flow in Chromium', () => {
  it('shows what to do next on an empty workspace', async () => {
    await page.goto(server.url);
    await page.getByTestId('engine-info').filter({ hasText: 'engine' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'A/B replay', exact: true }).click();
    expect(await page.getByTestId('ab-empty').textContent()).toMatch(/two runs of the same clip/);
  });

  it('imports SSD-MobileNetV2 and makes its uint8 variant', async () => {
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.locator('[data-testid=bundled-row][data-model-id=ssd-mobilenet-v2-coco]').getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('variant-form').waitFor({ timeout: 120_000 });
    await page.getByTestId('variant-kind').selectOption('uint8');
    await page.getByTestId('variant-submit').click();
    await page.getByTestId('variant-made').waitFor({ timeout: 300_000 });
    expect(await page.getByTestId('variant-made').textContent()).toContain('uint8');
  });

  it('replays the hold-up clip with the float32 model and the uint8 variant', async () => {
    await page.getByRole('button', { name: 'Replay & runs', exact: true }).click();
    const readOptions = () => page.getByTestId('replay-model').locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as unknown as { value: string }).value, text: o.textContent ?? '' })));
    await expect.poll(async () => (await readOptions()).some((o) => /uint8 variant/.test(o.text)), { timeout: 30_000 }).toBe(true); // the view lists models on opening
    const options = await readOptions();
    const fp32 = options.find((o) => /SSD/.test(o.text) && /workspace \(fp32\)/.test(o.text));
    const uint8 = options.find((o) => /SSD/.test(o.text) && /uint8 variant/.test(o.text));
    expect(fp32 && uint8).toBeTruthy();
    for (const [i, m] of [fp32!, uint8!].entries()) {
      await page.getByTestId('replay-model').selectOption(m.value);
      await page.getByTestId('replay-clip').selectOption('cup');
      await page.getByTestId('replay-frames').fill('24');
      await page.getByTestId('replay-detect-every').fill('3');
      await page.getByTestId('start-replay').click();
      await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 300_000 }).toBe(i + 1);
    }
    expect(await page.getByTestId('open-ab').textContent()).toContain('cup');
  });

  it('opens A/B: both runs drawn in their colours, compare events on the timeline', async () => {
    await page.getByRole('button', { name: 'A/B replay', exact: true }).click();
    const base = await page.getByTestId('ab-baseline').locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as unknown as { value: string }).value, text: o.textContent ?? '' })));
    await page.getByTestId('ab-baseline').selectOption(base.find((o) => o.text.includes(' · fp32 · '))!.value);
    const variant = await page.getByTestId('ab-variant').locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as unknown as { value: string }).value, text: o.textContent ?? '' })));
    await page.getByTestId('ab-variant').selectOption(variant.find((o) => o.text.includes(' · uint8 · '))!.value);
    await page.getByTestId('ab-verdict').waitFor({ timeout: 300_000 });
    await page.locator('[data-testid=canvas-b][data-painted-frame]').waitFor({ timeout: 30_000 });
    const marks = page.getByTestId('event-mark');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('ab-verdict').textContent()).toMatch(/(PASS|FAIL: [^·]+) · mAP@0.5 [\d.]+ vs baseline \(all classes\) .* (\d+) events/);
    abHash = await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
    expect(await page.getByTestId('event-legend').textContent()).toMatch(/missed object \(\d+\)/);
    // Seek to the first frame with boxes in both runs, then check the boxes really are on screen in each run's colour.
    const boxesOn = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-boxes'));
    for (let i = 0; i < 24 && ((await boxesOn('canvas-a')) === 0 || (await boxesOn('canvas-b')) === 0); i++) {
      const before = await frameNumber();
      await page.keyboard.press('ArrowRight');
      await expect.poll(frameNumber).toBe(before + 1);
      await expect.poll(() => page.getByTestId('canvas-b').getAttribute('data-painted-frame')).toBe(String(before + 1));
    }
    expect(await boxesOn('canvas-a')).toBeGreaterThan(0);
    const shotA = await page.getByTestId('canvas-a').screenshot({ type: 'jpeg', quality: 95 });
    const shotB = await page.getByTestId('canvas-b').screenshot({ type: 'jpeg', quality: 95 });
    expect(countColour(shotA, BASELINE_COLOUR, 30)).toBeGreaterThan(100);
    expect(countColour(shotB, VARIANT_COLOUR, 30)).toBeGreaterThan(100);
    await page.screenshot({ path: join(SHOTS, 'ab-side-by-side.png'), fullPage: true });
  });

  it('`]` jumps to the next event; the event and the variant’s per-layer error for that frame are shown', async () => {
    const eventFrames = (await page.getByTestId('event-mark').evaluateAll((ms) => ms.map((m) => Number(m.getAttribute('data-frame'))))).sort((a, b) => a - b);
    const here = await frameNumber();
    const next = eventFrames.find((f) => f > here);
    if (next === undefined) {
      await page.keyboard.press('[');
      await expect.poll(frameNumber).toBe(eventFrames.filter((f) => f < here).pop());
    } else {
      await page.keyboard.press(']');
      await expect.poll(frameNumber).toBe(next);
    }
    const at = await frameNumber();
    await expect.poll(() => page.getByTestId('canvas-a').getAttribute('data-painted-frame')).toBe(String(at));
    const panel = page.getByTestId('event-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('event-item').count()).toBeGreaterThan(0);
    expect(await panel.textContent()).toMatch(/missed object|extra box|flicker|id switch|drift/);
    // The event's objects are highlighted on the frames (a missed object in A, an extra or switched box in B).
    const lit = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-highlighted'));
    await expect.poll(async () => (await lit('canvas-a')) + (await lit('canvas-b'))).toBeGreaterThan(0);
    const table = page.getByTestId('layer-table');
    await table.waitFor({ timeout: 300_000 });
    expect(await page.getByTestId('layer-panel').textContent()).toContain(`frame ${at}`);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    const snr = Number((await rows.first().locator('td').nth(2).textContent())?.trim());
    expect(Number.isFinite(snr)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'ab-event-layers.png'), fullPage: true });
    // The pair's HTML report, written into the workspace through the report API.
    await page.getByTestId('ab-report').click();
    const written = page.getByTestId('ab-report-files');
    await written.waitFor({ timeout: 300_000 });
    const html = /(\/\S+report\.html)/.exec((await written.textContent()) ?? '')?.[1];
    expect(html).toBeTruthy();
    expect(html!.startsWith(join(scratch, 'ws'))).toBe(true);
    const text = await fs.readFile(html!, 'utf8');
    expect(text).toContain('uint8');
    await fs.copyFile(html!, join(SHOTS, 'ab-report.html'));
    // Overlaid layout: both runs on one canvas.
    await page.getByTestId('ab-mode').selectOption('overlay');
    await page.locator('[data-testid=canvas-ab][data-painted-frame]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'ab-overlaid.png'), fullPage: true });
  });

  it('a reload keeps the A/B view, the pair and the frame (route in the URL hash); space plays to the end', async () => {
    const at = await frameNumber();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash), { timeout: 5000 }).toContain(`frame=${at}`);
    await page.reload();
    await page.locator('[data-testid=canvas-ab][data-painted-frame]').waitFor({ timeout: 60_000 });
    expect(await frameNumber()).toBe(at);
    expect(await page.getByRole('button', { name: 'A/B replay', exact: true }).getAttribute('aria-current')).toBe('page');
    // Space plays both runs in sync on the clip's clock (26.78 fps) to the last frame, then stops.
    const t0 = Date.now();
    await page.keyboard.press(' ');
    await expect.poll(frameNumber, { timeout: 10_000, interval: 20 }).toBe(23);
    const playedMs = Date.now() - t0;
    expect(playedMs).toBeGreaterThan(((23 - at) / 26.78) * 1000 * 0.8);
    await page.getByRole('button', { name: 'play', exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('canvas-ab').getAttribute('data-painted-frame')).toBe('23');
  });

  it('at 1024 px wide the A/B timeline is on screen without scrolling and the Models table fits the window', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await page.locator('[data-testid=canvas-ab][data-painted-frame]').waitFor({ timeout: 30_000 });
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'ab-1024.png') });
      const box = await page.getByTestId('event-timeline').boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
      expect(box!.y + box!.height).toBeLessThanOrEqual(768);
      const pageWidth = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      expect(await pageWidth()).toBeLessThanOrEqual(1024);
      await page.getByRole('button', { name: 'Models', exact: true }).click();
      const table = page.getByTestId('models-table');
      await table.waitFor();
      const t = await table.boundingBox();
      expect(t!.x + t!.width).toBeLessThanOrEqual(1024);
      expect(await pageWidth()).toBeLessThanOrEqual(1024);
      await page.screenshot({ path: join(SHOTS, 'models-1024.png') });
      await page.goBack();
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('overlay designer: settings apply live, are saved in the project and exported as JSON', async () => {
    await page.getByRole('button', { name: 'Overlay designer', exact: true }).click();
    const canvas = page.getByTestId('ov-canvas');
    await page.locator('[data-testid=ov-canvas][data-painted-frame]').waitFor({ timeout: 60_000 });
    await page.getByTestId('ov-minScore').fill('0');
    await page.getByTestId('ov-persistMs').fill('0');
    await expect.poll(async () => Number(await canvas.getAttribute('data-boxes'))).toBeGreaterThan(0);
    await page.getByTestId('ov-minScore').fill('1');
    await expect.poll(async () => Number(await canvas.getAttribute('data-boxes'))).toBe(0);
    await page.getByTestId('ov-minScore').fill('0.5');
    await page.getByTestId('ov-label').fill('{label} {percent}');
    expect(await page.getByTestId('ov-state').textContent()).toBe('unsaved changes');
    await page.getByTestId('ov-save').click();
    await expect.poll(() => page.getByTestId('ov-state').textContent()).toBe('saved in the project');
    const stored = JSON.parse(await fs.readFile(join(scratch, 'ws', 'settings.json'), 'utf8')) as { overlay: { minScore: number; labelTemplate: string } };
    expect(stored.overlay.minScore).toBe(0.5);
    expect(stored.overlay.labelTemplate).toBe('{label} {percent}');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ov-export').click()]);
    const file = join(SHOTS, 'overlay.json');
    await download.saveAs(file);
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as { schema: string; settings: { minScore: number; persistMs: number } };
    expect(doc.schema).toBe('edgelab.overlay');
    expect(doc.settings.minScore).toBe(0.5);
    expect(doc.settings.persistMs).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'overlay-designer.png'), fullPage: true });
    // After a reload the saved settings come back from the workspace.
    await page.reload();
    await expect.poll(() => page.getByTestId('ov-minScore').inputValue(), { timeout: 30_000 }).toBe('0.5');
  });
  it('class scope as in the CLI: only chosen classes, then class-agnostic; the scope is in the route and beside mAP', async () => {
    await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), abHash);
    await page.getByTestId('ab-verdict').waitFor({ timeout: 60_000 });
    await page.getByTestId('ab-scope-mode').selectOption('chosen');
    await page.getByTestId('ab-scope-classes').fill('person, cup');
    await page.getByTestId('ab-scope-classes').press('Enter');
    await expect.poll(() => page.getByTestId('ab-scope').textContent().catch(() => ''), { timeout: 300_000 }).toBe('classes person, cup');
    expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toMatch(/classes=person(%2C|,)cup/);
    await page.getByTestId('ab-scope-mode').selectOption('agnostic');
    await expect.poll(() => page.getByTestId('ab-scope').textContent().catch(() => ''), { timeout: 300_000 }).toBe('class-agnostic');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('from an A/B event, one click opens the variant\'s graph coloured by that frame\'s per-layer error', async () => {
    const { runs } = JSON.parse(await fs.readFile(join(scratch, 'ws', 'manifest.json'), 'utf8')) as { runs: { id: string; model: { id?: string; variantKind: string } }[] };
    const base = runs.find((r) => r.model.variantKind === 'fp32')!;
    const vr = runs.find((r) => r.model.variantKind === 'uint8')!;
    await page.evaluate(`location.hash = '#/ab?baseline=${base.id}&variant=${vr.id}'`);
    await page.getByTestId('event-mark').first().waitFor({ timeout: 300_000 });
    await page.keyboard.press(']');
    const at = await frameNumber();
    await page.getByTestId('layer-table').waitFor({ timeout: 300_000 });
    await page.getByTestId('layers-open-graph').click();
    await page.locator('rect[data-snr]').first().waitFor({ timeout: 120_000 });
    const hash = new URLSearchParams(new URL(page.url()).hash.replace(/^#\/graph\?/, ''));
    expect(hash.get('variant')).toBe(vr.model.id);
    expect(hash.get('frame')).toBe(String(at));
    expect(hash.get('clip')).toMatch(/cup\.mp4$/);
    expect(await page.getByTestId('graph-colour').locator('option:checked').textContent()).toContain(`frame ${at}`);
    expect(await page.locator('rect[data-snr]').count()).toBeGreaterThan(50);
    await page.screenshot({ path: join(SHOTS, 'graph-from-ab-event.png') });
  });
});
