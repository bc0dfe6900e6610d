// The PDF report: the HTML report printed by Chromium (playwright-core drives a local Chromium; the page is set
// from a string with every request blocked, so printing cannot reach the network). Chromium is found at
// CHROMIUM_PATH, else the usual Debian/Ubuntu paths; without one the writer answers UNSUPPORTED naming what to install.
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ReportJson } from '../../src-shared/types/report';
import { renderHtml } from './html-writer';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium executable to print with, or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Throws UNSUPPORTED naming what to install when no Chromium can print (checked before any report work). */
export function requireChromium(executablePath = findChromium()): string {
  if (!executablePath) {
    throw new EdgeLabError(
      'UNSUPPORTED',
      `PDF reports need Chromium to print the HTML report and none was found (${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : `looked in ${CANDIDATES.join(', ')}`}): install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH; --format html writes the same report without it`,
    );
  }
  return executablePath;
}

/** Prints `html` to A4 PDF bytes (backgrounds kept, 12 mm margins). */
export async function printHtmlToPdf(html: string, chromiumPath = findChromium()): Promise<Uint8Array> {
  const executablePath = requireChromium(chromiumPath);
  // Loaded on demand: only PDF reports need the browser driver.
  const { chromium } = await import('playwright-core');
  // Our own profile folder (playwright's default, playwright_chromiumdev_profile-*, stays in /tmp when the
  // process is killed mid-print): named with our pid, removed after printing, and swept by the next print
  // when its process is gone.
  await sweepProfiles();
  const profile = await fs.mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  let browser;
  try {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (e) {
    await fs.rm(profile, { recursive: true, force: true });
    throw e;
  }
  try {
    const page = await browser.newPage();
    // The report is self-contained; anything that still asks for a URL other than data: is refused.
    await page.route(/^(?!data:)/, (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
}

/** Chromium profile folders of PDF prints: `<tmpdir>/edgelab-pdf-profile-<pid>-<random>`. */
export const PROFILE_PREFIX = 'edgelab-pdf-profile-';

/** Removes the profile folders of prints whose process is gone (killed mid-print). Returns the names removed. */
export async function sweepProfiles(dir = tmpdir()): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const dead = names.filter((n) => {
    const m = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(n);
    if (!m || Number(m[1]) === process.pid) return false;
    try {
      process.kill(Number(m[1]), 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code !== 'EPERM';
    }
  });
  await Promise.all(dead.map((n) => fs.rm(join(dir, n), { recursive: true, force: true })));
  return dead;
}

export async function renderPdf(report: ReportJson): Promise<Uint8Array> {
  return printHtmlToPdf(renderHtml(report));
}
