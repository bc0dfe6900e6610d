// The lab's summary table (one row per model × variant × clip, × device when latency records are linked), the gates'
// verdict per compare, and the lab report JSON — all computed from the finished steps' --json documents only, so the
// same step results give the same bytes whatever order or how many runs produced them.
import type { BenchImportResult } from '../../src-shared/types/latency';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { LabStepResult, LabVerdict } from '../../src-shared/types/lab';
import type { ConvertResult } from '../../src-shared/api';
import { METRICS, type MetricEntry } from '../../src-shared/metrics/catalogue';
import { verdictText } from '../../src-shared/metrics/verdict-text';
import { parseGates, verdict } from '../evaluate/gates';
import type { StepRecord } from './cache';
import type { LabPlan, LabStep } from './plan';

export type SummaryRow = Record<string, string | number | null>;

export const LAB_REPORT_SCHEMA = 'edgelab.lab-report/1';

/** Compare metrics in the summary: the catalogue's `inSummary` entries, in catalogue order. */
const SUMMARY_METRICS = (METRICS as readonly MetricEntry[]).filter((m) => m.inSummary);

/** Summary columns in display order (every row has every key). */
export const SUMMARY_COLUMNS: readonly string[] = ['model', 'variant', 'clip', 'seconds', 'device', 'delegate', 'sizeRatio', 'snrDb', ...SUMMARY_METRICS.map((m) => m.key), 'latencyMs', 'gates'];

/** Rounds a metric for the table (6 significant digits keeps the JSON stable and readable). */
const num = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(6)) : null);

const byKind = (plan: LabPlan, kind: LabStep['kind']) => plan.steps.filter((s) => s.kind === kind);

export function labVerdicts(plan: LabPlan, records: Map<string, StepRecord>, gates: string | undefined): LabVerdict[] {
  const parsed = gates === undefined ? undefined : parseGates(gates);
  const out: LabVerdict[] = [];
  for (const s of byKind(plan, 'compare')) {
    const r = records.get(s.id)?.stdout as CompareResult | undefined;
    if (!r) continue;
    // Without lab gates: compare's own verdict (its documented defaults), reported, not enforced (pass stays true).
    const v = parsed ? verdict(r, parsed) : { pass: true, checks: r.verdict.checks };
    out.push({ step: s.id, model: String(s.settings.model), variant: String(s.settings.variant), clip: String(s.settings.clip), pass: v.pass, checks: v.checks });
  }
  return out;
}

export function summaryRows(plan: LabPlan, records: Map<string, StepRecord>, verdicts: LabVerdict[]): SummaryRow[] {
  const latency = new Map<string, { device: string; delegate: string; ms: number | null }[]>(); // "model/variant" → records
  for (const s of byKind(plan, 'import-bench')) {
    const r = records.get(s.id)?.stdout as BenchImportResult | undefined;
    if (!r || s.settings.model === null) continue;
    const k = `${s.settings.model}/${s.settings.variant}`;
    latency.set(k, [...(latency.get(k) ?? []), ...r.records.map((x) => ({ device: x.device, delegate: x.delegate, ms: num(x.latencyMs.mean) }))]);
  }
  const rows: SummaryRow[] = [];
  for (const rep of byKind(plan, 'replay')) {
    const { model, variant, clip } = rep.settings as { model: string; variant: string; clip: string };
    if (!records.has(rep.id)) continue;
    const conv = records.get(`convert:${model}:${variant}`)?.stdout as ConvertResult | undefined;
    const cmp = records.get(`compare:${model}:${variant}:${clip}`)?.stdout as CompareResult | undefined;
    const cmps = byKind(plan, 'compare')
      .filter((c) => c.settings.model === model && c.settings.clip === clip)
      .map((c) => records.get(c.id)?.stdout as CompareResult | undefined)
      .filter((c): c is CompareResult => c !== undefined);
    const fp32 = variant === 'fp32';
    const v = verdicts.find((x) => x.step === `compare:${model}:${variant}:${clip}`);
    const base: SummaryRow = {
      model,
      variant,
      clip,
      // Seconds of clip the row's scores cover (a compare's frames: the labelled ones when scored against labels).
      seconds: num(((cmp ?? cmps[0])?.durationMs ?? NaN) / 1000),
      sizeRatio: fp32 ? 1 : conv ? num(conv.sizeBytes / conv.sourceSizeBytes) : null,
      snrDb: fp32 ? null : num(conv?.validation?.snrDb),
      // float32: the baseline's own value from the first compare that knows it (its score against the labels when
      // there are some, else it is the reference itself and has none; its own flicker)
      ...Object.fromEntries(
        SUMMARY_METRICS.map((m) => [m.key, fp32 ? num(cmps.map((c) => m.baseline?.(c) ?? null).find((x) => x !== null)) : num(cmp ? m.value(cmp) : null)]),
      ),
      // "pass", or each failing gate with the value it saw: "FAIL: map50_drop 0.46 > 0.05, …" (verdict-text.ts).
      gates: v ? (v.pass ? 'pass' : verdictText(v)) : null,
    };
    const lat = latency.get(`${model}/${variant}`);
    for (const l of lat?.length ? lat : [null]) {
      const row: SummaryRow = {};
      for (const c of SUMMARY_COLUMNS) row[c] = base[c] ?? null;
      row.device = l?.device ?? null;
      row.delegate = l?.delegate ?? null;
      row.latencyMs = l?.ms ?? null;
      rows.push(row);
    }
  }
  return rows;
}

/** The lab report JSON (schema LAB_REPORT_SCHEMA): reproducible, `generatedAt` the only wall-clock field. */
export function labReport(plan: LabPlan, steps: LabStepResult[], summary: SummaryRow[], verdicts: LabVerdict[], gates: string | undefined, generatedAt: string) {
  return {
    schema: LAB_REPORT_SCHEMA,
    name: plan.name,
    generatedAt,
    gates: gates ?? null,
    passed: verdicts.every((v) => v.pass) && steps.every((s) => s.status === 'done' || s.status === 'cached'),
    steps: steps.map((s) => ({ id: s.id, kind: s.kind, key: s.key, ok: s.status === 'done' || s.status === 'cached' })),
    summary,
    verdicts,
  };
}

/** The summary as aligned text columns (the CLI's closing table). */
export function summaryTable(rows: SummaryRow[]): string[] {
  const cols = SUMMARY_COLUMNS.filter((c) => rows.some((r) => r[c] !== null));
  const cell = (v: string | number | null) => (v === null ? '–' : typeof v === 'number' ? String(Number(v.toPrecision(4))) : v);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (xs: string[]) => xs.map((x, i) => x.padEnd(width[i])).join('  ').trimEnd();
  return [line([...cols]), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))];
}
