import { describe, expect, it } from 'vitest';
import { getReportWriter, listReportWriters } from '../../../src-main/reports/registry';
import { REPORT_SCHEMA, REPORT_VERSION, type ReportJson } from '../../../src-shared/types/report';

const empty: ReportJson = { schema: REPORT_SCHEMA, version: REPORT_VERSION, generatedAt: 'g', title: 't', runs: [], comparisons: [], keyFrames: [], series: [] };

describe('report writer registry', () => {
  it('lists html, json, csv and pdf with their extensions and MIME types', () => {
    expect(listReportWriters().map((w) => [w.format, w.ext, w.mime])).toEqual([
      ['html', 'html', 'text/html'],
      ['json', 'json', 'application/json'],
      ['csv', 'csv', 'text/csv'],
      ['pdf', 'pdf', 'application/pdf'],
    ]);
  });
  it('json renders the report itself, parseable back, synchronously and through output()', async () => {
    expect(JSON.parse(getReportWriter('json').render(empty))).toEqual(empty);
    expect(await getReportWriter('json').output(empty)).toBe(getReportWriter('json').render(empty));
  });
  it('refuses an unknown format in words', () => {
    expect(() => getReportWriter('docx')).toThrow(/no report writer for format "docx" \(have: html, json, csv, pdf\)/);
  });
});
