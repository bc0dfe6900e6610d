// The one catalogue of compare metrics: every scalar of a CompareResult's four families (detection, tracking,
// experience, embedding) once, with its label, direction, unit, display digits, accessor, where it is shown, and its
// gates. Derived from it: the gate keys, their values and DEFAULT_GATES (src-main/evaluate/gates.ts), the report's
// VariantMetrics and flattenMetrics (src-shared/types/report.ts, src-main/reports/assemble.ts), the CSV metric columns,
// the HTML report's table and bar charts, the lab summary's metric columns, `edgelab compare`'s text and help, and the
// renderer's degradation charts. Pure (no Node, no DOM).
//
// Invariants: entry order = the report JSON's `metrics` key order and the CSV column order (a public contract: add
// entries freely, never reorder, rename or drop one with `inReport`). Every entry is gate-able by its key (absolute
// value); `gates.drop` adds `<key>_drop` (reference − variant); `gates.perMinute` adds `<key>PerMin` (the variant's own
// rate per minute of clip, as the name says) and `<key>PerMin_increase` (variant − baseline, per minute); its default
// condition applies to the `_increase` gate. Rates are never extrapolated from runs shorter than MIN_RATE_MS: such a
// per-minute gate is not checked (value null) and shows the count with the run's duration (`gateCount`).
import type { CompareEventKind, CompareResult, GateCheck } from '../types/degradation';

export type MetricGroup = 'detection' | 'tracking' | 'experience' | 'embedding';
/** fraction: [0,1]; count: integer; per-minute: count per minute of clip; ms; frames; ratio: dimensionless; cosine: [-1,1]. */
export type MetricUnit = 'fraction' | 'count' | 'per-minute' | 'ms' | 'frames' | 'ratio' | 'cosine';
export type GateOp = GateCheck['op'];

/** A gate's default condition: it fails when `value op limit` holds. */
export interface GateDefault {
  op: GateOp;
  limit: number;
}

export interface MetricEntry {
  /** Key in the CompareResult family, in the report's `metrics` and the CSV header, and the absolute gate's key. */
  key: string;
  group: MetricGroup;
  /** Long label with its unit (renderer charts). */
  label: string;
  /** Column header (HTML table, CLI text). */
  short: string;
  better: 'higher' | 'lower';
  unit: MetricUnit;
  /** Decimals when displayed (0 = integer). */
  digits: number;
  /** The variant's value (null = not measured, e.g. no embeddings). */
  value(r: CompareResult): number | null;
  /** The baseline run's own value: its score against the labels, or what the compare measured of it; null = unknown. */
  baseline?(r: CompareResult): number | null;
  /** In the report JSON's VariantMetrics and the CSV metric columns. */
  inReport?: boolean;
  /** A bar chart in the renderer's degradation view. */
  inCharts?: boolean;
  /** A column of the HTML report's variant table. */
  inHtmlTable?: boolean;
  /** A bar chart of the HTML report (title and barChart options). */
  htmlChart?: { title: string; max?: number; digits?: number };
  /** A column of the lab summary. */
  inSummary?: boolean;
  /**
   * Gates besides the absolute one: a drop against the reference; per-minute gates (the rate, and its increase over
   * the baseline — `perMinute`'s default applies to the increase); defaults.
   */
  gates?: { drop?: GateDefault | true; perMinute?: GateDefault | true; absolute?: GateDefault };
}

/** Keeps literal keys and flags (for the VariantMetrics type) while checking every entry against MetricEntry. */
function defineMetrics<const T extends readonly MetricEntry[]>(entries: T): T {
  return entries;
}

const vsLabels = (r: CompareResult) => r.baselineVsLabels;

export const METRICS = defineMetrics([
  // detection (COCO, vs the baseline as pseudo ground truth or vs labels)
  {
    key: 'map50', group: 'detection', label: 'mAP@0.5', short: 'mAP@.5', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.detection.map50, baseline: (r) => vsLabels(r)?.detection.map50 ?? null,
    inReport: true, inCharts: true, inHtmlTable: true, htmlChart: { title: 'mAP@.5 vs baseline', max: 1 }, inSummary: true, gates: { drop: { op: '>', limit: 0.01 } },
  },
  {
    key: 'map', group: 'detection', label: 'mAP@[.5:.95]', short: 'mAP', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.detection.map, baseline: (r) => vsLabels(r)?.detection.map ?? null,
    inReport: true, inCharts: true, gates: { drop: true },
  },
  {
    key: 'precision', group: 'detection', label: 'precision', short: 'Precision', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.detection.precision, baseline: (r) => vsLabels(r)?.detection.precision ?? null,
    inReport: true,
  },
  {
    key: 'recall', group: 'detection', label: 'recall', short: 'Recall', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.detection.recall, baseline: (r) => vsLabels(r)?.detection.recall ?? null,
    inReport: true, inCharts: true, inHtmlTable: true,
  },
  // tracking (TrackEval, detection-averaged over classes)
  {
    key: 'mota', group: 'tracking', label: 'MOTA', short: 'MOTA', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.tracking.mota, baseline: (r) => vsLabels(r)?.tracking.mota ?? null,
    inReport: true, inCharts: true, gates: { drop: true },
  },
  {
    key: 'motp', group: 'tracking', label: 'MOTP', short: 'MOTP', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.tracking.motp, baseline: (r) => vsLabels(r)?.tracking.motp ?? null,
    inReport: true,
  },
  {
    key: 'idSwitches', group: 'tracking', label: 'id switches (count)', short: 'ID sw.', better: 'lower', unit: 'count', digits: 0,
    value: (r) => r.tracking.idSwitches, baseline: (r) => vsLabels(r)?.tracking.idSwitches ?? null,
    inReport: true, inCharts: true, inHtmlTable: true, gates: { perMinute: { op: '>', limit: 1 } },
  },
  {
    key: 'fragmentations', group: 'tracking', label: 'fragmentations (count)', short: 'Frag.', better: 'lower', unit: 'count', digits: 0,
    value: (r) => r.tracking.fragmentations, baseline: (r) => vsLabels(r)?.tracking.fragmentations ?? null,
    inReport: true,
  },
  {
    key: 'idf1', group: 'tracking', label: 'IDF1', short: 'IDF1', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.tracking.idf1, baseline: (r) => vsLabels(r)?.tracking.idf1 ?? null,
    inReport: true, inCharts: true, inHtmlTable: true, htmlChart: { title: 'IDF1', max: 1 }, inSummary: true, gates: { drop: true },
  },
  {
    key: 'hota', group: 'tracking', label: 'HOTA', short: 'HOTA', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.tracking.hota, baseline: (r) => vsLabels(r)?.tracking.hota ?? null,
    inReport: true, inCharts: true, inHtmlTable: true, htmlChart: { title: 'HOTA', max: 1 }, gates: { drop: true },
  },
  {
    key: 'detA', group: 'tracking', label: 'HOTA DetA', short: 'DetA', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.tracking.detA, baseline: (r) => vsLabels(r)?.tracking.detA ?? null,
  },
  {
    key: 'assA', group: 'tracking', label: 'HOTA AssA', short: 'AssA', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.tracking.assA, baseline: (r) => vsLabels(r)?.tracking.assA ?? null,
  },
  // experience (what a user sees change)
  {
    key: 'flickerPerMin', group: 'experience', label: 'flicker (per min)', short: 'Flicker/min', better: 'lower', unit: 'per-minute', digits: 2,
    value: (r) => r.experience.flickerPerMin, baseline: (r) => r.experience.baselineFlickerPerMin,
    inReport: true, inCharts: true, inHtmlTable: true, htmlChart: { title: 'Flicker per minute', digits: 2 }, inSummary: true,
  },
  {
    key: 'baselineFlickerPerMin', group: 'experience', label: 'baseline flicker (per min)', short: 'Baseline flicker/min', better: 'lower', unit: 'per-minute', digits: 2,
    value: (r) => r.experience.baselineFlickerPerMin,
  },
  {
    key: 'jitter', group: 'experience', label: 'jitter (RMS accel / box size)', short: 'Jitter Δ', better: 'lower', unit: 'ratio', digits: 4,
    value: (r) => r.experience.jitter,
    inReport: true, inCharts: true,
  },
  {
    key: 'timeToFirstBoxMs', group: 'experience', label: 'time to first box (ms)', short: 'First box ms', better: 'lower', unit: 'ms', digits: 0,
    value: (r) => r.experience.timeToFirstBoxMs,
    inReport: true, inCharts: true,
  },
  {
    key: 'neverFound', group: 'experience', label: 'never found (count)', short: 'Never found', better: 'lower', unit: 'count', digits: 0,
    value: (r) => r.experience.neverFound,
    inReport: true,
  },
  {
    key: 'lagFrames', group: 'experience', label: 'lag (frames)', short: 'Lag frames', better: 'lower', unit: 'frames', digits: 0,
    value: (r) => r.experience.lagFrames,
    inReport: true,
  },
  {
    key: 'labelFlips', group: 'experience', label: 'label flips (count)', short: 'Label flips', better: 'lower', unit: 'count', digits: 0,
    value: (r) => r.experience.labelFlips,
    inReport: true, inCharts: true,
  },
  // embedding (null without an embedder)
  {
    key: 'cosineMean', group: 'embedding', label: 'embedding cosine (mean)', short: 'Emb. cosine', better: 'higher', unit: 'cosine', digits: 4,
    value: (r) => r.embedding.cosineMean,
    inReport: true, inCharts: true, inHtmlTable: true, inSummary: true, gates: { absolute: { op: '<', limit: 0.98 } },
  },
  {
    key: 'cosineP5', group: 'embedding', label: 'embedding cosine (5th percentile)', short: 'Emb. cosine p5', better: 'higher', unit: 'cosine', digits: 4,
    value: (r) => r.embedding.cosineP5,
    inReport: true,
  },
  {
    key: 'topkOverlap', group: 'embedding', label: 'embedding top-k overlap', short: 'Top-k overlap', better: 'higher', unit: 'fraction', digits: 3,
    value: (r) => r.embedding.topkOverlap,
    inReport: true, inCharts: true,
  },
  {
    key: 'k', group: 'embedding', label: 'embedding top-k k', short: 'k', better: 'higher', unit: 'count', digits: 0,
    value: (r) => r.embedding.k,
  },
  {
    key: 'pairs', group: 'embedding', label: 'embedding pairs (count)', short: 'Pairs', better: 'higher', unit: 'count', digits: 0,
    value: (r) => r.embedding.pairs,
  },
]);

export type MetricKey = (typeof METRICS)[number]['key'];
type ReportEntry = Extract<(typeof METRICS)[number], { inReport: true }>;
/** The report's flattened compare metrics (VariantMetrics without `events`), typed from the catalogue. */
export type ReportMetricValues = { [E in ReportEntry as E['key']]: ReturnType<E['value']> };

export const METRIC_GROUPS: readonly MetricGroup[] = ['detection', 'tracking', 'experience', 'embedding'];
/** In catalogue order: the report's `metrics` keys and the CSV metric columns. */
export const REPORT_METRICS: readonly MetricEntry[] = METRICS.filter((m) => 'inReport' in m && m.inReport);
/** Event kinds counted in the report's `metrics.events` and the CSV `events_<kind>` columns, in column order. */
export const EVENT_KINDS: readonly CompareEventKind[] = ['missed', 'extra', 'id-switch', 'drift', 'flicker'];

export const metricByKey = (key: string): MetricEntry | undefined => (METRICS as readonly MetricEntry[]).find((m) => m.key === key);

/** A value as displayed (the entry's decimals); null when not measured or not finite. */
export function formatMetric(m: MetricEntry, v: number | null | undefined): string | null {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(m.digits) : null;
}

// ---- Gates: `<key><op><number>`, failing when the condition holds. ----

/**
 * absolute: the metric's value; drop: reference − variant; per-minute: the variant's count per minute of clip;
 * per-minute-increase: (variant − baseline) per minute of clip.
 */
export type GateKind = 'absolute' | 'drop' | 'per-minute' | 'per-minute-increase';

/** Shortest run a per-minute rate is computed from, ms: below it a count is shown with the duration instead. */
export const MIN_RATE_MS = 10_000;

export interface GateDef {
  key: string;
  kind: GateKind;
  metric: MetricEntry;
  default?: GateDefault;
  /** What the gate compares with its limit; null = metric absent (the gate is skipped). */
  value(r: CompareResult): number | null;
  /** Drop gates: the reference score the drop is taken from (the baseline's score against labels, else 1). */
  reference?(r: CompareResult): number;
  /** Rate gates (per-minute units): the count the rate is made of (for the increase: variant − baseline). */
  count?(r: CompareResult): number | null;
}

const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

function dropGate(m: MetricEntry, d: GateDefault | true): GateDef {
  // Without labels the baseline is the reference and scores 1 against itself.
  const reference = (r: CompareResult) => m.baseline?.(r) ?? 1;
  const value = (r: CompareResult) => {
    const v = m.value(r);
    return v === null ? null : reference(r) - v;
  };
  return { key: `${m.key}_drop`, kind: 'drop', metric: m, ...(d === true ? {} : { default: d }), reference, value };
}

/** A count turned into a per-minute rate; null when the run is shorter than MIN_RATE_MS (not extrapolated). */
const perMinute = (count: number | null, durationMs: number) => (count === null || durationMs < MIN_RATE_MS ? null : count / (durationMs / 60_000));

function perMinuteGates(m: MetricEntry, d: GateDefault | true): GateDef[] {
  const increase = (r: CompareResult) => {
    const v = m.value(r);
    return v === null ? null : v - (m.baseline?.(r) ?? 0);
  };
  return [
    { key: `${m.key}PerMin`, kind: 'per-minute', metric: m, count: m.value, value: (r) => perMinute(m.value(r), r.durationMs) },
    { key: `${m.key}PerMin_increase`, kind: 'per-minute-increase', metric: m, ...(d === true ? {} : { default: d }), count: increase, value: (r) => perMinute(increase(r), r.durationMs) },
  ];
}

/** A metric already in per-minute units (flickerPerMin): its count over the run, for runs too short for a rate. */
const countOfRate = (m: MetricEntry) => (r: CompareResult) => {
  const v = m.value(r);
  return v === null ? null : Math.round((v * r.durationMs) / 60_000);
};

const entries = METRICS as readonly MetricEntry[];
/** Every gate, in order: drops, per-minute rates and their increases, then every metric's absolute value. */
export const GATES: readonly GateDef[] = [
  ...entries.flatMap((m) => (m.gates?.drop ? [dropGate(m, m.gates.drop)] : [])),
  ...entries.flatMap((m) => (m.gates?.perMinute ? perMinuteGates(m, m.gates.perMinute) : [])),
  ...entries.map(
    (m): GateDef => ({
      key: m.key,
      kind: 'absolute',
      metric: m,
      ...(m.gates?.absolute ? { default: m.gates.absolute } : {}),
      // A rate measured on a run too short for one is not checked (see MIN_RATE_MS); its count is shown instead.
      ...(m.unit === 'per-minute' ? { count: countOfRate(m), value: (r: CompareResult) => (r.durationMs < MIN_RATE_MS ? null : m.value(r)) } : { value: (r: CompareResult) => m.value(r) }),
    }),
  ),
];

export const gateByKey = (key: string): GateDef | undefined => GATES.find((g) => g.key === key);

/** compare's default verdict gates (the issue's): mAP@0.5 drop ≤ 1 point, id switches + ≤ 1/min, embedding cosine mean ≥ 0.98. */
export const DEFAULT_GATES = GATES.flatMap((g) => (g.default ? [`${g.key}${g.default.op}${g.default.limit}`] : [])).join(',');

/** Every gate-able value of a result (absent and non-finite values left out). */
export function gateValues(r: CompareResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of GATES) {
    const v = finite(g.value(r));
    if (v !== null) out[g.key] = v;
  }
  return out;
}
