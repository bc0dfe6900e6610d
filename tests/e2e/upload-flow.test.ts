// Files from the user's desk in headless Chromium against the real server (`edgelab serve`): the page loads with a
// favicon and without a CSP error in the console (zod's eval probe is off), then the Latency view uploads a
// benchmark file through its file input (setInputFiles), the path lands in the form as imports/bench/…, and
// Import reads it (records shown); a file that is no benchmark output is refused naming it, leaving nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, closeServedApp, openServedApp, type ServedApp } from './served-app';
import { ROOT, callServer, type Served } from './server';

const BENCH = join(ROOT, 'tests', 'fixtures', 'bench');
let app: ServedApp;
let ws: string;
let server: Served;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  app = await openServedApp('upload', { viewport: { width: 1280, height: 900 } });
  ({ ws, server, page } = app);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // Every CSP violation of the page, as the page sees it (Chromium's console line alone names only the directive).
  await page.addInitScript(
    "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
  );
}, 600_000);

afterAll(() => closeServedApp(app));

const nav = (name: string) => page.locator('nav[aria-label=views]').getByRole('button', { name, exact: true });

describe('uploads in Chromium', () => {
  it('loads with a favicon and no CSP error in the console', async () => {
    await page.goto(server.url);
    await page.getByTestId('models-empty').waitFor({ timeout: 30_000 });
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    await nav('Latency').click();
    await page.getByTestId('bench-files').waitFor();
    await page.waitForTimeout(500);
    expect(await page.evaluate('window.cspViolations')).toEqual([]);
    expect(consoleErrors.filter((t) => /Content Security Policy|script-src|unsafe-eval|EvalError/i.test(t))).toEqual([]);
  });

  it('uploads a benchmark file in the Latency view, fills its workspace path, and imports it', async () => {
    const input = page.getByTestId('bench-upload').locator('input[type=file]');
    await input.setInputFiles(join(BENCH, 'edgelab-template-pixel3.csv'));
    await page.getByTestId('bench-upload-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('bench-files').inputValue()).toBe('imports/bench/edgelab-template-pixel3.csv');
    expect(await fs.readFile(join(ws, 'imports/bench/edgelab-template-pixel3.csv'))).toEqual(await fs.readFile(join(BENCH, 'edgelab-template-pixel3.csv')));
    await page.getByTestId('bench-import').click();
    await page.getByTestId('bench-imported').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bench-imported').textContent()).toMatch(/Imported [1-9]\d* record/);
    await page.screenshot({ path: join(SHOTS, 'upload-latency-bench.png') });
  });

  it('refuses a file that is no benchmark output, naming it, and keeps nothing of it', async () => {
    const input = page.getByTestId('bench-upload').locator('input[type=file]');
    await input.setInputFiles(join(BENCH, 'unknown-boxes.csv'));
    const alert = page.getByTestId('bench-upload').getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/^BAD_INPUT: unknown-boxes\.csv: not a recognised benchmark output/);
    expect((await fs.readdir(join(ws, 'imports/bench'))).sort()).toEqual(['edgelab-template-pixel3.csv']);
  });

  it('uploads a TF.js model.json with its shard in the Models view and imports it', async () => {
    await nav('Models').click();
    const dir = join(ROOT, 'models', 'centernet-mobilenet-v3-coco');
    await page.getByTestId('model-upload').locator('input[type=file]').setInputFiles([join(dir, 'centernet.json'), join(dir, 'centernet.bin')]);
    await page.getByTestId('model-upload-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('model-upload-done').textContent()).toContain('imports/models/centernet/centernet.json');
    const row = page.getByTestId('workspace-row').filter({ hasText: 'centernet' });
    await row.waitFor({ timeout: 60_000 });
    expect((await fs.readdir(join(ws, 'imports/models/centernet'))).sort()).toEqual(['centernet.bin', 'centernet.json']);
    await page.screenshot({ path: join(SHOTS, 'upload-models.png') });
  }, 90_000);

  it('uploads labels in A/B (the pair is then scored against them) and in Degradation (the labels path is filled in)', async () => {
    // Two runs of the hold-up clip made through the API (the A/B flow itself is covered by ab-flow.test.ts).
    const call = (method: string, args: unknown) => callServer(server, method, args);
    const m = await call('importModel', { source: 'ssd-mobilenet-v2-coco' });
    const a = await call('replay', { model: m.id, clip: 'cup', frames: 12, thumbnailSize: 96 });
    const b = await call('replay', { model: m.id, clip: 'cup', frames: 12, detectEvery: 3, thumbnailSize: 96 });
    await page.goto(server.url); // token into the session (a same-page goto changes only the hash: reload)
    await page.reload(); // the page lists the runs afresh
    await page.getByTestId('workspace-row').first().waitFor({ timeout: 30_000 });
    await page.evaluate(`location.hash = '#/ab?baseline=${a.id}&variant=${b.id}'`);
    await page.getByTestId('ab-verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ab-verdict').textContent()).toContain('vs baseline');
    await page.getByTestId('ab-gt-upload').locator('input[type=file]').setInputFiles(join(ROOT, 'tests/fixtures/gt/cup-first30.coco.json'));
    await page.getByTestId('ab-gt').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ab-gt').textContent()).toContain('imports/labels/cup-first30.coco.json');
    await page.getByTestId('ab-verdict').filter({ hasText: 'vs labels' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'upload-ab-labels.png') });

    await nav('Degradation').click();
    await page.getByTestId('degradation-gt-upload').locator('input[type=file]').setInputFiles(join(ROOT, 'tests/fixtures/gt/cup-first30.coco.json'));
    await page.getByTestId('degradation-gt-upload-done').waitFor({ timeout: 30_000 });
    // The same name again: a second copy under a free name, the first untouched.
    expect(await page.getByTestId('degradation-gt').inputValue()).toBe('imports/labels/cup-first30.coco-2.json');
  }, 180_000);
});
