// Report writers by format: name → implementation. Every writer renders the same ReportJson (the JSON writer is
// the source; HTML and CSV are text views of it; PDF is the HTML printed by Chromium).
import { EdgeLabError } from '../../src-shared/protocol';
import type { ReportFormat, ReportJson } from '../../src-shared/types/report';
import { renderCsv } from './csv-writer';
import { renderHtml } from './html-writer';
import { renderJson } from './json-writer';
import { renderPdf, requireChromium } from './pdf-writer';

export type { ReportFormat };

export interface ReportWriter {
  format: ReportFormat;
  /** File extension without the dot. */
  ext: string;
  mime: string;
  /** The file's bytes (text formats as a string). May need external programs (pdf: Chromium). */
  output(report: ReportJson): Promise<string | Uint8Array>;
  /** Throws (UNSUPPORTED) when what `output` needs is missing, before any report work starts. */
  preflight?(): void;
}

/** A text writer also renders synchronously. */
export interface TextReportWriter extends ReportWriter {
  render(report: ReportJson): string;
}

function text(format: ReportFormat, mime: string, render: (r: ReportJson) => string): TextReportWriter {
  return { format, ext: format, mime, render, output: async (r) => render(r) };
}

const WRITERS: Record<ReportFormat, ReportWriter> = {
  html: text('html', 'text/html', renderHtml),
  json: text('json', 'application/json', renderJson),
  csv: text('csv', 'text/csv', renderCsv),
  pdf: { format: 'pdf', ext: 'pdf', mime: 'application/pdf', output: renderPdf, preflight: () => void requireChromium() },
};

export function listReportWriters(): ReportWriter[] {
  return Object.values(WRITERS);
}

export function getReportWriter(format: 'html' | 'json' | 'csv'): TextReportWriter;
export function getReportWriter(format: string): ReportWriter;
export function getReportWriter(format: string): ReportWriter {
  const w = (WRITERS as Record<string, ReportWriter | undefined>)[format];
  if (!w) throw new EdgeLabError('UNSUPPORTED', `no report writer for format "${format}" (have: ${Object.keys(WRITERS).join(', ')})`);
  return w;
}
