import { describe, expect, it } from 'vitest';
import { getReportWriter, listReportWriters } from '../../../src-main/reports/registry';
import { REPORT_SCHEMA, REPORT_VERSION, type ReportJson } from '../../../src-shared/types/report';

const empty: ReportJson = { schema: REPORT_SCHEMA, version: REPORT_VERSION, generatedAt: 'g', title: 't', runs: [], comparisons: [], keyFrames: [], series: [] };

describe('report writer registry', () => {
  it('lists html and json with their extensions', () => {
    expect(listReportWriters().map((w) => [w.format, w.ext])).toEqual([
      ['html', 'html'],
      ['json', 'json'],
    ]);
  });
  it('json renders the report itself, parseable back', () => {
    expect(JSON.parse(getReportWriter('json').render(empty))).toEqual(empty);
  });
  it('refuses an unknown format in words', () => {
    expect(() => getReportWriter('pdf')).toThrow(/no report writer for format "pdf"/);
  });
});
