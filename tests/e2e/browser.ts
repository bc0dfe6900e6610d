// E2E helper: launches the headless Chromium every browser test drives (CHROMIUM_PATH, else /usr/bin/chromium),
// with networking extras (QUIC, sync, component updates) off so only the local server is reached.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Launches headless Chromium; throws naming the path and what to install when the executable is missing. */
export async function openBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
