// Test helpers that read report files back with independent tools: an RFC 4180 CSV parser (written here from
// the RFC's grammar, so the writer is not checked against itself), PDF text and pages with pdfjs-dist (Mozilla's
// PDF.js), and the HTML loaded in headless Chromium with every non-data: request recorded and refused.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** RFC 4180: records end with CRLF; fields are quoted when they hold , " CR LF; "" inside quotes is ". */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"' && field === '') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else if (c === '"' || c === '\r' || c === '\n') throw new Error(`CSV: bare ${JSON.stringify(c)} at offset ${i}`);
    else (field += c), i++;
  }
  if (field !== '' || row.length) throw new Error('CSV: last record does not end with CRLF');
  return rows;
}

export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: parts.join('\n') };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Opens the HTML file in headless Chromium with the network refused; returns what the page asked for and shows. */
export async function loadInChromium(file: string): Promise<{ external: string[]; svgs: number; images: number; text: string; tables: number }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const external: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://') && url.endsWith(file)) return route.continue();
      external.push(url);
      return route.abort();
    });
    page.on('requestfailed', (r) => {
      if (!r.url().startsWith('data:') && !external.includes(r.url())) external.push(r.url());
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    // Counted with locators (this file is type-checked without DOM types).
    const facts = {
      svgs: await page.locator('svg').count(),
      images: await page.locator('svg image').count(),
      text: await page.locator('body').innerText(),
      tables: await page.locator('table').count(),
    };
    return { external, ...facts };
  } finally {
    await browser.close();
  }
}
