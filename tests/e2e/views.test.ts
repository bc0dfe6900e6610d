// The Models & variants, Latency, Jobs and Degradation views in headless Chromium against the real server
// (`edgelab serve`): empty state → use the bundled SSD → make a uint8 variant from the form (the table shows its
// size) → start an int8 variant and cancel it (nothing kept) → import the bench fixtures from the Latency view
// (cells coloured against the budget, per-op breakdown) → the Jobs view lists done and cancelled jobs → two
// replays and the Degradation bars. Screenshots go to test-output/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { budgetBin } from '../../src-shared/charts/budget-scale';
import { SHOTS, closeServedApp, openServedApp, type ServedApp } from './served-app';
import { ROOT, type Served } from './server';

const BENCH = join(ROOT, 'tests', 'fixtures', 'bench');
const BENCH_FILES = ['tflite-profile-xnnpack-quoted.csv', 'ort-perf-test-pixel6-resnet18.log', 'edgelab-template-pixel3.csv', 'ort-profile-blazeface-cpu.json'];
let app: ServedApp;
let ws: string;
let server: Served;
let page: Page;

const nav = (name: string) => page.locator('nav[aria-label=views]').getByRole('button', { name, exact: true });
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const variantsOnDisk = async () => JSON.parse(await fs.readFile(join(ws, 'manifest.json'), 'utf8').catch(() => '{"models":[]}')) as { models: { variants: unknown[] }[] };

beforeAll(async () => {
  app = await openServedApp('views', { viewport: { width: 1280, height: 1000 } });
  ({ ws, server, page } = app);
}, 600_000);

afterAll(() => closeServedApp(app));

describe('Models, Latency, Jobs and Degradation views in Chromium', () => {
  it('empty workspace says what to do; "use the bundled SSD" imports it and the table shows its size', async () => {
    await page.goto(server.url);
    const empty = page.getByTestId('models-empty');
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.textContent()).toMatch(/No models yet/);
    const bundledSsd = page.locator('[data-testid=bundled-row][data-model-id=ssd-mobilenet-v2-coco]');
    expect(await bundledSsd.textContent()).toMatch(/\d+\.\d MB/);
    await page.screenshot({ path: join(SHOTS, 'views-models-empty.png') });
    await empty.getByRole('button', { name: /Use the bundled SSD-MobileNetV2/ }).click();
    const row = page.getByTestId('workspace-row').filter({ hasText: 'SSD' });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getByTestId('size').textContent()).toMatch(/^\d+\.\d MB$/);
  });

  it('makes a uint8 variant of SSD from the form; the table lists it under SSD with its (smaller) size and lineage', async () => {
    await page.getByTestId('variant-kind').selectOption('uint8');
    await page.getByTestId('variant-frames').fill('2');
    await page.getByTestId('variant-submit').click();
    await page.getByTestId('variant-made').waitFor({ timeout: 120_000 });
    const v = page.getByTestId('variant-row').filter({ hasText: 'uint8' });
    await v.waitFor();
    const size = (s: string | null) => Number(/([\d.]+) MB/.exec(s ?? '')![1]);
    const vSize = size(await v.getByTestId('size').textContent());
    const mSize = size(await page.getByTestId('workspace-row').filter({ hasText: 'SSD' }).getByTestId('size').textContent());
    expect(vSize).toBeGreaterThan(0);
    expect(vSize).toBeLessThan(mSize / 2); // 8-bit weights instead of 32-bit
    expect(await v.textContent()).toMatch(/ssd-mobilenet-v2-coco-[0-9a-f]+ → uint8/);
    await page.screenshot({ path: join(SHOTS, 'views-models-variant.png'), fullPage: true });
  });

  it('starts an int8 variant and cancels it: the form says so and no variant is kept', async () => {
    await page.getByTestId('variant-kind').selectOption('int8');
    await page.getByTestId('variant-frames').fill('60');
    await page.getByTestId('variant-submit').click();
    await page.getByTestId('variant-cancel').click({ timeout: 30_000 });
    await page.getByTestId('variant-cancelled').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('variant-row').count()).toBe(1);
    const wsFile = await variantsOnDisk();
    expect(wsFile.models.flatMap((m) => m.variants)).toHaveLength(1);
  });

  it('imports the bench fixtures from the Latency view: cells coloured against the budget, a per-op breakdown opens', async () => {
    const inWs = join(ws, 'bench-files');
    await fs.mkdir(inWs, { recursive: true });
    for (const f of BENCH_FILES) await fs.copyFile(join(BENCH, f), join(inWs, f)); // the server reads only inside its workspace
    await nav('Latency').click();
    await page.getByTestId('latency-empty').waitFor({ timeout: 30_000 });
    await page.getByTestId('bench-files').fill(BENCH_FILES.map((f) => join(inWs, f)).join('\n'));
    await page.getByTestId('bench-import').click();
    await page.getByTestId('bench-imported').waitFor({ timeout: 60_000 });
    const cells = page.getByTestId('latency-cell');
    await cells.first().waitFor();
    const n = await cells.count();
    expect(n).toBeGreaterThan(3);
    let over = 0;
    for (let i = 0; i < n; i++) {
      const cell = cells.nth(i);
      const ms = Number(/([\d.]+) ms/.exec((await cell.textContent())!)![1]);
      const bg = await cell.evaluate((el) => {
        const g = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } };
        return g.getComputedStyle((el as unknown as { parentElement: unknown }).parentElement).backgroundColor;
      });
      expect(bg).toBe(rgb(budgetBin(ms, 100).fill));
      if ((await cell.getAttribute('data-over')) === 'true') over++;
    }
    // Tighten the budget: more cells go over, and say so in words.
    await page.getByTestId('latency-budget').fill('5');
    await expect.poll(async () => page.locator('[data-testid=latency-cell][data-over=true]').count()).toBeGreaterThan(over);
    expect(await page.locator('[data-testid=latency-cell][data-over=true]').first().textContent()).toContain('over');
    await page.screenshot({ path: join(SHOTS, 'views-latency-heatmap.png'), fullPage: true });
    await page.locator('[data-testid=latency-cell]', { hasText: 'ops' }).first().click();
    const breakdown = page.getByTestId('op-breakdown');
    await breakdown.waitFor();
    expect(await breakdown.getByTestId('op-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await breakdown.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'views-latency-ops.png'), fullPage: true });
  });

  it('the Jobs view lists the finished and the cancelled jobs with their times', async () => {
    await nav('Jobs').click();
    const rows = page.getByTestId('job-row');
    await rows.first().waitFor();
    const done = page.locator('[data-testid=job-row][data-status=done]');
    expect(await done.filter({ hasText: 'import ssd-mobilenet-v2-coco' }).count()).toBe(1);
    expect(await done.filter({ hasText: '→ uint8' }).count()).toBe(1);
    expect(await done.filter({ hasText: 'import benchmarks' }).count()).toBe(1);
    const cancelled = page.locator('[data-testid=job-row][data-status=cancelled]');
    expect(await cancelled.filter({ hasText: '→ int8' }).count()).toBe(1);
    expect(await rows.first().getByTestId('job-remaining').textContent()).toMatch(/^took /);
    await page.screenshot({ path: join(SHOTS, 'views-jobs.png'), fullPage: true });
  });

  it('replays SSD and its uint8 variant, then the Degradation view draws bars per metric for the two runs', async () => {
    await nav('Replay & runs').click();
    await page.getByTestId('replay-model').locator('option', { hasText: 'uint8 variant' }).waitFor({ state: 'attached', timeout: 30_000 });
    const opts = await page
      .getByTestId('replay-model')
      .locator('option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as unknown as { value: string }).value, text: (o as unknown as { textContent: string }).textContent })));
    const fp32 = opts.find((o) => /^ssd-mobilenet-v2-coco-[0-9a-f]+$/.test(o.value))!.value;
    const uint8 = opts.find((o) => /SSD.*uint8 variant/.test(o.text))!.value;
    expect(uint8).not.toBe(fp32);
    for (const [i, model] of [fp32, uint8].entries()) {
      await page.getByTestId('replay-model').selectOption(model);
      await page.getByTestId('replay-clip').selectOption('cup');
      await page.getByTestId('replay-frames').fill('8');
      await page.getByTestId('start-replay').click();
      await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 120_000 }).toBe(i + 1);
    }
    await nav('Degradation').click();
    const picks = page.getByTestId('degradation-variant');
    await picks.first().waitFor({ timeout: 30_000 });
    expect(await picks.count()).toBe(1);
    await picks.first().check();
    await page.getByTestId('degradation-compare').click();
    const map50 = page.locator('[data-testid=metric-chart][data-metric=map50]');
    await map50.waitFor({ timeout: 120_000 });
    expect(await map50.locator('.recharts-bar-rectangle').count()).toBe(1);
    expect(await map50.locator('.recharts-reference-line').count()).toBe(1);
    expect(await map50.textContent()).toContain('gate map50_drop>0.01');
    expect(await page.getByTestId('metric-chart').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('pareto-table').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('pareto-table').locator('tbody tr[data-source=workstation]').count()).toBe(2);
    expect(await page.getByTestId('pareto').locator('.recharts-legend-wrapper').textContent()).toContain('this workstation (not a phone)');
    await page.screenshot({ path: join(SHOTS, 'views-degradation.png'), fullPage: true });
    // The compare is stored: the Models table now shows the variant's mAP@0.5 drop.
    await nav('Models').click();
    await expect.poll(async () => page.getByTestId('variant-row').filter({ hasText: 'uint8' }).textContent(), { timeout: 30_000 }).toMatch(/\d+\.\d pt/);
  }, 400_000);
});
