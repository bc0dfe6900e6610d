// Summary table text: columns in order, columns with no value anywhere dropped, '–' for a missing value, numbers to
// 4 significant digits, every line aligned on the header.
import { describe, expect, it } from 'vitest';
import { SUMMARY_COLUMNS, summaryTable, type SummaryRow } from '../../../src-main/lab/summary';

const row = (o: Partial<SummaryRow>): SummaryRow => Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, o[c] ?? null]));

describe('lab summary table', () => {
  it('columns: identity, seconds covered, size, the catalogue’s summary metrics, latency, gates', () => {
    expect(SUMMARY_COLUMNS).toEqual(['model', 'variant', 'clip', 'seconds', 'device', 'delegate', 'sizeRatio', 'snrDb', 'map50', 'idf1', 'flickerPerMin', 'cosineMean', 'latencyMs', 'gates']);
  });

  it('aligns columns, drops empty ones, shows missing values as –', () => {
    const lines = summaryTable([
      row({ model: 'ssd', variant: 'fp32', clip: 'cup', sizeRatio: 1, map50: 0.462834 }),
      row({ model: 'ssd', variant: 'uint8', clip: 'cup', sizeRatio: 0.257512, snrDb: 3.48321, map50: 0, gates: 'FAIL: map50_drop>0.05' }),
    ]);
    expect(lines).toHaveLength(4);
    expect(lines[0].split(/\s+/)).toEqual(['model', 'variant', 'clip', 'sizeRatio', 'snrDb', 'map50', 'gates']);
    expect(lines[2].split(/\s+/)).toEqual(['ssd', 'fp32', 'cup', '1', '–', '0.4628', '–']);
    expect(lines[3]).toContain('0.2575');
    expect(lines[3]).toContain('FAIL: map50_drop>0.05');
    const at = lines[0].indexOf('map50');
    expect(lines[2].slice(at).startsWith('0.4628')).toBe(true);
    expect(lines[3].slice(at).startsWith('0 ')).toBe(true);
  });
});
