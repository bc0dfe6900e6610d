// The PDF printer: real Chromium prints HTML; the pages and text are read back with PDF.js. A page that asks
// for a remote image does not reach the network (the request is refused, the PDF is still printed).
import { describe, expect, it } from 'vitest';
import { findChromium, printHtmlToPdf } from '../../../src-main/reports/pdf-writer';
import { pdfText } from './report-readers';

describe('findChromium', () => {
  it('honours CHROMIUM_PATH, and answers null when it points nowhere', () => {
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeNull();
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(findChromium({})).toBe('/usr/bin/chromium'); // this machine's Debian chromium
  });
});

describe('printHtmlToPdf', () => {
  it('prints every page of a long document; text extracts back', async () => {
    const body = Array.from({ length: 120 }, (_, i) => `<p>line ${i} of the report</p>`).join('');
    const pdf = await printHtmlToPdf(`<!doctype html><html><body><h1>Long report</h1>${body}<img src="http://203.0.113.1/x.png"></body></html>`);
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain('Long report');
    expect(text).toContain('line 119 of the report');
  }, 60_000);

  it('answers UNSUPPORTED naming what to install when there is no Chromium', async () => {
    await expect(printHtmlToPdf('<p>x</p>', null)).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('apt-get install -y chromium') });
  });
});
