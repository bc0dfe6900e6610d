// The Lab view in headless Chromium on a workspace made as a user makes it: `edgelab run lab.yaml` (a tiny lab:
// BlazeFace fp32 + fp16, 6 frames of cup.mp4 scored against the cup labels, gates map50_drop>0.5 and map50>=0 — the
// second fails on any variant, so every view must explain a FAIL), then `edgelab serve` on that workspace.
// The Lab view lists the summary rows with the lab's gates and verdicts, a FAIL naming the gate with its value and
// limit; a variant row opens A/B on the pair with the lab's verdict (explained) and gates and no error text; the float32 row opens its run in the Run view; Degradation draws
// the lab's compare under the lab's gate (not the UI's default map50_drop>0.01) with bars named by the runs'
// names; the overlay designer opens a lab run.
// Screenshots go to test-output/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { cli } from '../contract/cli';
import { faceLabYaml } from '../src-main/lab/tiny-lab';
import { SHOTS, closeServedApp, openServedApp, type ServedApp } from './served-app';
import { ROOT, type Served } from './server';

const GATES = 'map50_drop>0.5,map50>=0';
const LAB = faceLabYaml('tiny-e2e', GATES, { gt: join(ROOT, 'tests', 'fixtures', 'gt', 'cup-first30.coco.json') });
/** The explained FAIL of the fp16 row: any mAP is ≥ 0, so `map50>=0` holds, and names its value. */
const FAIL_TEXT = /FAIL: map50 [\d.]+ >= 0/;
let app: ServedApp;
let server: Served;
let page: Page;
const nav = (name: string) => page.locator('nav[aria-label=views]').getByRole('button', { name, exact: true });

beforeAll(async () => {
  app = await openServedApp('lab', { viewport: { width: 1280, height: 900 }, prepare: runLab });
  ({ server, page } = app);
}, 600_000);

afterAll(() => closeServedApp(app));

/** The workspace as a user makes it: `edgelab run lab.yaml`, whose failed gate exits 3 (the documented code). */
async function runLab(ws: string, scratch: string): Promise<void> {
  await fs.writeFile(join(scratch, 'lab.yaml'), LAB);
  const out = await cli(['run', join(scratch, 'lab.yaml'), '--workspace', ws, '--jobs', '2', '--json']);
  expect(out.code, out.stderr).toBe(3);
  expect(JSON.parse(out.stdout).passed).toBe(false);
}

describe('Lab view in Chromium on a lab run by the CLI', () => {
  it("shows the lab's rows, its gates and a verdict per row", async () => {
    await page.goto(server.url);
    await nav('Lab').click();
    const rows = page.getByTestId('lab-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByTestId('lab-gates').textContent()).toContain(GATES);
    expect(await page.locator('[data-testid=lab-row][data-variant=fp16] [data-testid=lab-verdict]').textContent()).toMatch(FAIL_TEXT);
    expect(await page.locator('[data-testid=lab-row][data-variant=fp32] [data-testid=lab-verdict]').textContent()).toBe('baseline');
    expect(await page.getByTestId('lab-table').locator('th').allTextContents()).toEqual(expect.arrayContaining(['model', 'variant', 'clip', 'mAP@.5']));
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lab-view.png'), fullPage: true });
  });

  it('a variant row opens the pair in A/B with the lab’s verdict and gates, no error text', async () => {
    await page.locator('[data-testid=lab-row][data-variant=fp16]').click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toMatch(/^#\/ab\?baseline=.+&variant=.+/);
    await page.getByTestId('ab-verdict').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ab-failed-gates').textContent()).toMatch(/^: map50 [\d.]+ >= 0$/);
    // Scored against labels: the variant's mAP against them, the float32 model's beside it.
    expect(await page.getByTestId('ab-vs-labels').textContent()).toMatch(/^vs labels \(6 labelled frames; float32 [\d.]+ vs the same labels\)$/);
    expect(await page.getByTestId('ab-gates').textContent()).toContain(`${GATES} (lab tiny-e2e)`);
    await page.getByTestId('frame-label').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/BAD_INPUT|not a run directory/);
    await page.screenshot({ path: join(SHOTS, 'lab-ab.png'), fullPage: true });
  });

  it('the float32 row opens its run in the Run view', async () => {
    await nav('Lab').click();
    await page.locator('[data-testid=lab-row][data-variant=fp32]').click();
    await page.getByTestId('frame-label').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toMatch(/^#\/run\?run=/);
    expect(await page.locator('body').textContent()).toContain('· fp32 · cup');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it("Degradation shows the lab's compare under the lab's gate, bars named <model> · <kind> · <clip>", async () => {
    await nav('Degradation').click();
    const map50 = page.locator('[data-testid=metric-chart][data-metric=map50]');
    await map50.waitFor({ timeout: 30_000 });
    expect(await map50.textContent()).toContain('gate map50_drop>0.5');
    expect(await page.locator('body').textContent()).not.toContain('map50_drop>0.01');
    expect(await page.getByTestId('degradation-verdicts').textContent()).toMatch(/· fp16 · cup\.mp4 FAIL: map50 [\d.]+ >= 0/);
    await page.screenshot({ path: join(SHOTS, 'lab-degradation-fail.png'), fullPage: true });
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('the overlay designer opens a lab run', async () => {
    await nav('Overlay designer').click();
    await page.getByTestId('ov-run').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ov-run').locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('· fp16 · cup.mp4')]));
    await page.getByTestId('frame-label').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/BAD_INPUT|not a run directory/);
  });
});
