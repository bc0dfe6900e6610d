// The real app in headless Chromium against the real server: the Models view lists the bundled models and
// imports one and makes its fp16 variant,
// an SSD-MobileNetV2 replay of cup.mp4 runs to completion through the UI, the run's frame shows boxes (in the DOM
// and as orange pixels on screen), a longer replay is really cancelled (no run kept),
// propagated boxes are dashed, and a page without
// the token shows the error in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { countColour } from './pixels';
import { SHOTS, closeServedApp, openServedApp, type ServedApp } from './served-app';
import type { Served } from './server';

/** src-renderer/lib/colours.ts DETECTED_COLOUR (the renderer is a separate TS project; kept in step by this test). */
const DETECTED_COLOUR = '#E69F00';
let app: ServedApp;
let scratch: string;
let server: Served;
let browser: Browser;
let page: Page;

const runDirs = async () => (await fs.readdir(join(scratch, 'ws', 'runs')).catch(() => [] as string[])).sort();

beforeAll(async () => {
  app = await openServedApp('ui', { viewport: { width: 1200, height: 900 } });
  ({ scratch, server, browser, page } = app);
}, 600_000);

afterAll(() => closeServedApp(app));

describe('EdgeLab UI in Chromium', () => {
  it('loads and lists the bundled SSD-MobileNetV2 model', async () => {
    await page.goto(server.url);
    const row = page.locator('[data-testid=bundled-row][data-model-id=ssd-mobilenet-v2-coco]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('SSD-MobileNetV2');
    expect(await row.getByRole('button', { name: 'Import' }).isVisible()).toBe(true);
    expect(await page.getByTestId('bundled-row').count()).toBeGreaterThanOrEqual(3);
    await page.getByTestId('engine-info').filter({ hasText: 'engine' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'models.png') });
  });

  it('imports a bundled model and makes its fp16 variant from the Models view', async () => {
    await page.locator('[data-testid=bundled-row][data-model-id=blazeface-front]').getByRole('button', { name: 'Import' }).click();
    const row = page.getByTestId('workspace-row').filter({ hasText: 'BlazeFace' });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain('none'); // no variants yet
    await row.getByRole('button', { name: 'Make fp16' }).click();
    await expect.poll(async () => row.textContent(), { timeout: 120_000 }).toMatch(/fp16 \(\d/);
    expect(await row.getByRole('button', { name: 'Make fp16' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'models-imported.png') });
  });

  it('runs a 10-frame SSD-MobileNetV2 replay of the hold-up clip through the UI and shows the run', async () => {
    await page.getByRole('button', { name: 'Replay & runs', exact: true }).click();
    await page.getByTestId('replay-model').selectOption('ssd-mobilenet-v2-coco');
    await page.getByTestId('replay-clip').selectOption('cup');
    await page.getByTestId('replay-frames').fill('10');
    await page.getByTestId('start-replay').click();
    await page.getByTestId('replay-done').waitFor({ timeout: 120_000 });
    await page.getByTestId('run-row').first().waitFor();
    expect(await page.getByTestId('run-row').count()).toBe(1);
    expect(await page.getByTestId('run-row').first().textContent()).toContain('SSD-MobileNetV2');
    expect((await runDirs()).length).toBe(1);
  });

  it('opens the run: the frame shows boxes in the DOM and on screen in the detected-box colour', async () => {
    await page.getByTestId('run-row').first().getByRole('button', { name: 'Open' }).click();
    const viewer = page.getByTestId('frame-viewer');
    await viewer.locator('img').waitFor();
    const img = viewer.locator('img');
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const boxes = await page.locator('[data-testid=box]').count();
    expect(boxes).toBeGreaterThan(0);
    expect(await page.getByTestId('detections').locator('tbody tr').count()).toBe(boxes);
    // the hold-up clip: the COCO detector sees the hand/arm or the cup
    expect(await page.getByTestId('detections').textContent()).toMatch(/person|cup|bottle/);
    const shown = await viewer.screenshot({ type: 'jpeg', quality: 95 });
    await fs.writeFile(join(SHOTS, 'run-frame.jpg'), shown);
    await page.screenshot({ path: join(SHOTS, 'run-view.png'), fullPage: true });
    // The same viewer with the overlay hidden: the orange must come from the boxes, not the picture.
    await page.locator('[data-testid=overlay]').evaluate((el) => ((el as unknown as { style: { visibility: string } }).style.visibility = 'hidden'));
    const hidden = await viewer.screenshot({ type: 'jpeg', quality: 95 });
    await page.locator('[data-testid=overlay]').evaluate((el) => ((el as unknown as { style: { visibility: string } }).style.visibility = 'visible'));
    const withBoxes = countColour(shown, DETECTED_COLOUR);
    const without = countColour(hidden, DETECTED_COLOUR);
    expect(withBoxes).toBeGreaterThan(200);
    expect(withBoxes).toBeGreaterThan(3 * without + 100);
    // Stepping frames changes the frame label.
    const before = await page.getByTestId('frame-label').textContent();
    await page.getByRole('button', { name: 'next frame' }).click();
    await expect.poll(() => page.getByTestId('frame-label').textContent()).not.toBe(before);
  });

  it('Cancel stops a long replay: no run is added and no directory is left', async () => {
    await page.getByRole('button', { name: 'Replay & runs', exact: true }).click();
    await page.getByTestId('replay-model').selectOption('ssd-mobilenet-v2-coco');
    await page.getByTestId('replay-clip').selectOption('cup');
    await page.getByTestId('replay-frames').fill('0');
    await page.getByTestId('start-replay').click();
    const bar = page.getByRole('progressbar');
    await bar.waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'replay-progress.png') });
    await page.getByTestId('cancel-replay').click();
    await page.getByTestId('replay-cancelled').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await runDirs()).length, { timeout: 30_000 }).toBe(1);
    await page.reload();
    await page.getByRole('button', { name: 'Replay & runs', exact: true }).click();
    await page.getByTestId('run-row').first().waitFor();
    expect(await page.getByTestId('run-row').count()).toBe(1);
  });

  it('a job running when the page is reloaded stays in Jobs after the reload, as stopped with the reason; no run is left', async () => {
    await page.getByRole('button', { name: 'Replay & runs', exact: true }).click();
    await page.getByTestId('replay-model').selectOption('ssd-mobilenet-v2-coco');
    await page.getByTestId('replay-clip').selectOption('cup');
    await page.getByTestId('replay-frames').fill('0');
    await page.getByTestId('start-replay').click();
    const bar = page.getByRole('progressbar');
    await bar.waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
    let asked = false;
    page.once('dialog', (d) => {
      asked = d.type() === 'beforeunload';
      void d.accept(); // the user confirms "Leave site?"
    });
    await page.reload();
    expect(asked).toBe(true);
    await page.getByRole('button', { name: 'Jobs', exact: true }).click();
    const row = page.getByTestId('job-row').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('cancelled');
    expect(await row.getByTestId('job-reason').textContent()).toContain('reloaded');
    await page.screenshot({ path: join(SHOTS, 'jobs-after-reload.png') });
    await expect.poll(async () => (await runDirs()).length, { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Replay & runs', exact: true }).click();
  });

  it('draws tracker-propagated boxes dashed and detected boxes solid (cadence 3)', async () => {
    await page.getByTestId('replay-model').selectOption('ssd-mobilenet-v2-coco');
    await page.getByTestId('replay-frames').fill('6');
    await page.getByTestId('replay-detect-every').fill('3');
    await page.getByTestId('start-replay').click();
    await page.getByTestId('replay-done').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    await page.getByTestId('run-row').first().getByRole('button', { name: 'Open' }).click(); // newest first
    await page.getByTestId('frame-label').filter({ hasText: 'detector ran' }).waitFor();
    const detected = page.locator('[data-testid=box][data-source=detected]');
    await detected.first().waitFor(); // boxes are drawn once the frame's image has arrived
    expect(await detected.first().getAttribute('stroke-dasharray')).toBeNull();
    await page.getByRole('button', { name: 'next frame' }).click();
    await page.getByTestId('frame-label').filter({ hasText: 'tracked only' }).waitFor();
    const propagated = page.locator('[data-testid=box][data-source=propagated]');
    await propagated.first().waitFor();
    expect(await page.locator('[data-testid=box][data-source=detected]').count()).toBe(0);
    expect(await propagated.first().getAttribute('stroke-dasharray')).toBeTruthy();
    await page.getByTestId('frame-viewer').screenshot({ path: join(SHOTS, 'propagated.png') });
  });

  it('shows an API error in words (page opened without the token)', async () => {
    const bare = await browser.newPage();
    await bare.goto(`http://127.0.0.1:${server.port}/`);
    const alert = bare.getByRole('alert').first();
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/token/i);
    await bare.close();
  });
});
