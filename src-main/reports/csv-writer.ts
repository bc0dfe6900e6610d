// The CSV report: one row per variant × clip × device, every metric of the report JSON's variant table plus the
// device latency of that variant on that device × delegate (rows without a device record have empty device
// columns). RFC 4180: comma-separated, CRLF line ends, a field holding , " CR or LF is quoted with "" for ".
// Text cells that would start a spreadsheet formula are neutralised (csvField).
// Hand-written: quoting is four lines; a CSV library would be a dependency for them.
import type { LatencyCell } from '../../src-shared/types/latency';
import type { ReportJson, VariantRow } from '../../src-shared/types/report';
import { EVENT_KINDS, REPORT_METRICS, type ReportMetricValues } from '../../src-shared/metrics/catalogue';

type Cell = string | number | boolean | null | undefined;

/** A text cell a spreadsheet would run as a formula (OWASP "CSV injection": = + - @, tab, CR first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field. Text that would start a formula (a device named `=HYPERLINK(…)`) gets a leading `'`, so
 *  spreadsheets show it as text; numbers (negative ones included) are written as numbers. */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report's compare metrics (catalogue order) and event kinds: the CSV's metric and `events_<kind>` columns. */
const METRIC_KEYS = REPORT_METRICS.map((m) => m.key as keyof ReportMetricValues);
const EVENT_KEYS = EVENT_KINDS;

/** Column names, in order (also the header row). */
export const CSV_COLUMNS: string[] = [
  'run_id', 'baseline_run_id', 'model', 'model_id', 'variant_kind', 'format', 'runtime', 'backend', 'clip', 'clip_sha256',
  'size_bytes', 'size_ratio', 'snr_db', 'cosine', 'host_inference_ms_mean', 'host_inference_ms_p90', 'detections_per_frame', 'first_box_ms',
  'agreement_precision', 'agreement_recall', 'agreement_f1', 'agreement_mean_iou',
  ...METRIC_KEYS,
  ...EVENT_KEYS.map((k) => `events_${k.replace('-', '_')}`),
  'gates_pass', 'gates_failed',
  'device', 'delegate', 'device_latency_ms_mean', 'device_latency_ms_p90', 'within_budget', 'end_to_end_ms', 'latency_record_id',
];

/** Latency cells of a variant row (its latencyKeys name the cell's variant). */
export function cellsOf(row: VariantRow, cells: LatencyCell[]): LatencyCell[] {
  const keys = new Set(row.latencyKeys);
  return cells.filter((c) => keys.has(c.variant));
}

export function renderCsv(report: ReportJson): string {
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  const agreement = new Map(report.comparisons.map((c) => [`${c.baselineRunId}>${c.variantRunId}`, c]));
  for (const row of report.variants ?? []) {
    const a = row.baselineRunId ? agreement.get(`${row.baselineRunId}>${row.runId}`) : undefined;
    const m = row.metrics;
    const base: Cell[] = [
      row.runId, row.baselineRunId, row.model, row.modelId, row.variantKind, row.format, row.runtime, row.backend, row.clip, row.clipSha256,
      row.sizeBytes, row.sizeRatio, row.snrDb, row.cosine, row.inferenceMsMean, row.inferenceMsP90, row.detectionsPerFrame, row.firstBoxMs,
      a?.precision, a?.recall, a?.f1, a?.meanIoU,
      ...METRIC_KEYS.map((k) => (m ? m[k] : null)),
      ...EVENT_KEYS.map((k) => (m ? (m.events[k] ?? 0) : null)),
      row.pass, row.checks.filter((c) => c.failed).map((c) => `${c.metric}${c.op}${c.limit}`).join(';'),
    ];
    const cells = cellsOf(row, report.latency?.cells ?? []);
    const devices: Cell[][] = cells.length
      ? cells.map((c) => [c.device, c.delegate, c.latencyMs.mean, c.latencyMs.p90, c.withinBudget, c.endToEndMs, c.recordId])
      : [[null, null, null, null, null, null, null]];
    for (const d of devices) lines.push([...base, ...d].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
