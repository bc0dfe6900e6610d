// The Lab view's table, pure: which summary columns to show (the CLI's rule: those with a value in some row), their
// headers (the metric catalogue's short labels), cell text, each row's verdict under the lab's gates with the
// failing gates spelled out, and the runs a row opens (A/B for a variant row, the Run view for the float32 row).
import { checkText, verdictText as sharedVerdictText } from '../../src-shared/metrics/verdict-text';
import type { LabDetail, LabVerdict } from '../../src-shared/types/lab';
import { metricByKey } from '../../src-shared/metrics/catalogue';

export type LabRow = LabDetail['report']['summary'][number];

/** Columns with a value in at least one row, in the lab's order (`LabDetail.columns`), without `gates`. */
export function shownColumns(d: LabDetail): string[] {
  return d.columns.filter((c) => c !== 'gates' && d.report.summary.some((r) => r[c] !== null && r[c] !== undefined));
}

const HEADERS: Record<string, string> = { seconds: 'seconds', sizeRatio: 'size ×', snrDb: 'SNR dB', latencyMs: 'latency ms' };

export const columnHeader = (c: string): string => metricByKey(c)?.short ?? HEADERS[c] ?? c;

/** A cell as the CLI prints it: 4 significant digits, '–' for none. */
export function cellText(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '–' : typeof v === 'number' ? String(Number(v.toPrecision(4))) : v;
}

/** One check as a person reads it: `map50_drop 0.46 > 0.05` (value '–' when the metric has none). */
export { checkText };

/** The verdict of a row's compare under the lab's gates; undefined for the float32 row (the baseline). */
export function rowVerdict(d: LabDetail, row: LabRow): LabVerdict | undefined {
  return d.report.verdicts.find((v) => v.model === row.model && v.variant === row.variant && v.clip === row.clip);
}

/** "PASS" or "FAIL: <each failing check>", or "baseline" for the float32 row. */
export function verdictText(v: LabVerdict | undefined): string {
  return v ? sharedVerdictText(v) : 'baseline';
}

/** The workspace runs of a row: its float32 baseline and its own run (ids; undefined when not registered). */
export function rowRuns(d: LabDetail, row: LabRow): { baseline?: string; variant?: string } {
  const id = (variant: unknown) => d.runs[`replay:${String(row.model)}:${String(variant)}:${String(row.clip)}`];
  return { baseline: id('fp32'), variant: id(row.variant) };
}
