// The Lab view's table logic on a lab detail shaped as getLab returns it: shown columns (the CLI's rule), headers
// from the metric catalogue, verdict text naming each failing gate with value and limit, and the runs a row opens.
import { describe, expect, it } from 'vitest';
import type { LabDetail } from '../../../src-shared/types/lab';
import { cellText, checkText, columnHeader, rowRuns, rowVerdict, shownColumns, verdictText } from '../../../src-renderer/lib/lab-table';

const row = (variant: string, map50: number | null) => ({ model: 'face', variant, clip: 'cup', device: null, sizeRatio: variant === 'fp32' ? 1 : 0.5, map50, gates: null });
const detail: LabDetail = {
  name: 'tiny',
  dir: '/ws/labs/tiny',
  columns: ['model', 'variant', 'clip', 'device', 'sizeRatio', 'map50', 'gates'],
  report: {
    schema: 'edgelab.lab-report/1',
    name: 'tiny',
    generatedAt: '2026-01-01T00:00:00Z',
    gates: 'map50_drop>0.05',
    passed: false,
    steps: [],
    summary: [row('fp32', 0.9), row('int8', 0.444444)],
    verdicts: [{ step: 'compare:face:int8:cup', model: 'face', variant: 'int8', clip: 'cup', pass: false, checks: [{ metric: 'map50_drop', op: '>', limit: 0.05, value: 0.4567, failed: true }, { metric: 'idf1_drop', op: '>', limit: 0.1, value: 0.01, failed: false }] }],
  },
  runs: { 'replay:face:fp32:cup': 'r-base', 'replay:face:int8:cup': 'r-int8' },
  compares: { 'compare:face:int8:cup': 'cmp-1' },
  reports: [],
};

describe('lab table', () => {
  it('shows the columns that have a value, headed by the catalogue', () => {
    expect(shownColumns(detail)).toEqual(['model', 'variant', 'clip', 'sizeRatio', 'map50']);
    expect(columnHeader('map50')).toBe('mAP@.5');
    expect(columnHeader('sizeRatio')).toBe('size ×');
    expect(cellText(0.444444)).toBe('0.4444');
    expect(cellText(null)).toBe('–');
  });
  it("names each failing gate with its value and limit; the float32 row is the baseline", () => {
    const [base, int8] = detail.report.summary;
    expect(verdictText(rowVerdict(detail, base!))).toBe('baseline');
    expect(verdictText(rowVerdict(detail, int8!))).toBe('FAIL: map50_drop 0.457 > 0.05');
    expect(checkText({ metric: 'x', op: '<', limit: 1, value: null, failed: true })).toBe('x – < 1');
  });
  it('a row opens its float32 baseline and its own run', () => {
    expect(rowRuns(detail, detail.report.summary[1]!)).toEqual({ baseline: 'r-base', variant: 'r-int8' });
  });
});
