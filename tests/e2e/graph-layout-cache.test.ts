// The Graph view's layout cache (src-renderer/graph/layout-cache.ts, used by the layout worker) in headless Chromium
// against the real server, on the bundled CenterNet ONNX: the first open lays out with dagre (not cached); a reload
// draws every node at the same place from the cache; another browser profile starts cold; a stored entry that does not
// fit its input (a box missing) is ignored and the graph laid out again, at the same places.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeServedApp, openServedApp, type ServedApp } from './served-app';
import type { Served } from './server';

const MODEL = 'centernet-mobilenet-v3-coco-onnx';
let app: ServedApp;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  app = await openServedApp('layout-cache', { page: false });
  ({ server, browser } = app);
}, 300_000);

afterAll(() => closeServedApp(app));

const url = () => `http://127.0.0.1:${server.port}/#/graph?model=${MODEL}&token=${server.token}`;

/** Waits for the drawing; every node's translate (its box's top-left) by name, and whether the layout was cached. */
async function drawn(page: Page): Promise<{ at: Map<string, string>; cached: boolean }> {
  await page.locator('[data-layout-ms]').waitFor({ timeout: 60_000 });
  await page.locator('[data-node]').first().waitFor({ timeout: 60_000 });
  const pairs = (await page.$$eval('[data-node]', (els) => els.map((e) => [e.getAttribute('data-node'), e.parentElement!.getAttribute('transform')]))) as [string, string][];
  const cached = (await page.locator('[data-layout-ms]').getAttribute('data-layout-cached')) === '1';
  return { at: new Map(pairs), cached };
}

/** The cache's entries once the worker has stored the first page's layout (it stores after replying). */
async function entries(page: Page): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const n = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const r = (globalThis as any).indexedDB.open('edgelab-layouts');
          r.onsuccess = () => {
            const db = r.result;
            if (!db.objectStoreNames.contains('layouts')) return resolve(0);
            const c = db.transaction('layouts').objectStore('layouts').count();
            c.onsuccess = () => (db.close(), resolve(c.result));
          };
          r.onerror = () => resolve(-1);
        }),
    );
    if (n > 0) return n;
    await new Promise((r) => setTimeout(r, 50));
  }
  return 0;
}

it('first open lays out; a reload draws every node at the same place from the cache; a fresh profile starts cold', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(url());
  const first = await drawn(page);
  expect(first.cached).toBe(false);
  expect(first.at.size).toBeGreaterThan(300);
  expect(await entries(page)).toBe(1);

  await page.reload();
  const again = await drawn(page);
  expect(again.cached).toBe(true);
  expect(again.at).toEqual(first.at);

  const other = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const cold = await other.newPage();
  await cold.goto(url());
  const coldDrawn = await drawn(cold);
  expect(coldDrawn.cached).toBe(false);
  expect(coldDrawn.at).toEqual(first.at);
  await other.close();
  await ctx.close();
}, 120_000);

it('a stored layout that does not fit its input (a box missing) is ignored: laid out again, at the same places', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(url());
  const first = await drawn(page);
  expect(await entries(page)).toBe(1);
  // Remove one box from every stored layout.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const r = (globalThis as any).indexedDB.open('edgelab-layouts');
        r.onsuccess = () => {
          const t = r.result.transaction('layouts', 'readwrite');
          const s = t.objectStore('layouts');
          const all = s.getAll();
          all.onsuccess = () => {
            for (const e of all.result as { layout: { boxes: Record<string, unknown> } }[]) {
              delete e.layout.boxes[Object.keys(e.layout.boxes)[0]!];
              s.put(e);
            }
          };
          t.oncomplete = () => (r.result.close(), resolve());
          t.onerror = () => reject(t.error);
        };
      }),
  );
  await page.reload();
  const again = await drawn(page);
  expect(again.cached).toBe(false);
  expect(again.at).toEqual(first.at);
  await ctx.close();
}, 120_000);
