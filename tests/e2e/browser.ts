// E2E helper: launches the headless Chromium every browser test drives (found as the PDF writer finds it:
// CHROMIUM_PATH, else the usual Debian/Ubuntu paths), with networking extras (QUIC, sync, component updates) off.
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../src-main/reports/pdf-writer';

/** Launches headless Chromium; throws naming the path and what to install when the executable is missing. */
export async function openBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`Chromium not found (${process.env.CHROMIUM_PATH ?? 'the usual Debian/Ubuntu paths'}): apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
