// E2E fixture: what every browser test of the served UI sets up and tears down, in one place — the build checked
// (ensureBuilt), a scratch folder holding the workspace `ws`, the real server on that workspace (`edgelab serve`),
// headless Chromium and, unless `page: false`, one page of the given viewport. `prepare` fills the workspace before
// the server starts (a CLI lab run, an engine-made variant), so the server sees what a user's workspace holds.
// closeServedApp takes what opening got to (a failed open has already closed its part) and leaves no process or
// folder behind. Screenshots go to SHOTS (test-output/e2e/, not committed).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openBrowser } from './browser';
import { ROOT, ensureBuilt, startServer, type Served } from './server';

export const SHOTS = join(ROOT, 'test-output', 'e2e');

export interface ServedApp {
  /** The test's own temporary folder (removed by closeServedApp); the workspace is `ws` inside it. */
  scratch: string;
  ws: string;
  server: Served;
  browser: Browser;
  /** The page opened with the app (absent with `page: false`: the test opens its own contexts). */
  page: Page;
}

export interface ServedAppOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** false: no page (the test makes its own browser contexts). */
  page?: boolean;
  /** Runs before the server starts, on the (not yet existing) workspace folder `ws`. */
  prepare?: (ws: string, scratch: string) => Promise<void>;
}

/** Opens the app for the test file `name` (the scratch folder's prefix); see the header. */
export async function openServedApp(name: string, o: ServedAppOptions = {}): Promise<ServedApp> {
  await ensureBuilt();
  await fs.mkdir(SHOTS, { recursive: true });
  const scratch = await fs.mkdtemp(join(tmpdir(), `edgelab-e2e-${name}-`));
  const app: Partial<ServedApp> = { scratch, ws: join(scratch, 'ws') };
  try {
    await o.prepare?.(app.ws!, scratch);
    app.server = await startServer(app.ws!);
    app.browser = await openBrowser();
    if (o.page !== false) app.page = await app.browser.newPage({ viewport: o.viewport, acceptDownloads: o.acceptDownloads });
    return app as ServedApp;
  } catch (e) {
    await closeServedApp(app);
    throw e;
  }
}

/** Closes the browser, stops the server and removes the scratch folder; any part may be missing. */
export async function closeServedApp(app: Partial<ServedApp> | undefined): Promise<void> {
  await app?.browser?.close();
  await app?.server?.stop();
  if (app?.scratch) await fs.rm(app.scratch, { recursive: true, force: true });
}
