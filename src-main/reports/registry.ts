// Report writers by format: name → implementation. Every writer renders the same ReportJson.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ReportJson } from '../../src-shared/types/report';
import { renderHtml } from './html-writer';
import { renderJson } from './json-writer';

export type ReportFormat = 'html' | 'json';

export interface ReportWriter {
  format: ReportFormat;
  /** File extension without the dot. */
  ext: string;
  /** MIME type of the rendered text. */
  mime: string;
  render(report: ReportJson): string;
}

const WRITERS: Record<ReportFormat, ReportWriter> = {
  html: { format: 'html', ext: 'html', mime: 'text/html', render: renderHtml },
  json: { format: 'json', ext: 'json', mime: 'application/json', render: renderJson },
};

export function listReportWriters(): ReportWriter[] {
  return Object.values(WRITERS);
}

export function getReportWriter(format: string): ReportWriter {
  const w = (WRITERS as Record<string, ReportWriter | undefined>)[format];
  if (!w) throw new EdgeLabError('UNSUPPORTED', `no report writer for format "${format}" (have: ${Object.keys(WRITERS).join(', ')})`);
  return w;
}
