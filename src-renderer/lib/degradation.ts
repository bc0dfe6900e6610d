// Degradation metrics of compare results for the per-variant bar charts, and where each chart's gate line goes.
// Pure: CompareResult (src-shared/types/degradation.ts) in, plain rows out.
import type { CompareResult, GateCheck } from '../../src-shared/types/degradation';
import { GATES, METRICS as CATALOGUE, type MetricEntry } from '../../src-shared/metrics/catalogue';

/** A charted metric: a catalogue entry (src-shared/metrics/catalogue.ts) seen through what a chart needs. */
export type MetricDef = Pick<MetricEntry, 'key' | 'label' | 'better' | 'value' | 'unit'>;

/** The charted metrics: the catalogue's `inCharts` entries, in catalogue order. */
export const METRICS: readonly MetricDef[] = (CATALOGUE as readonly MetricEntry[]).filter((m) => m.inCharts);

/** Gates on a drop against the reference (the catalogue's drop gates): gate key → the charted metric it drops from. */
const DROPS: Record<string, { metric: string; ref: (r: CompareResult) => number }> = Object.fromEntries(
  GATES.filter((g) => g.kind === 'drop' && g.reference).map((g) => [g.key, { metric: g.metric.key, ref: g.reference as (r: CompareResult) => number }]),
);

export interface GateLine {
  /** Value on the charted metric's axis where the gate starts failing. */
  y: number;
  /** The gate as written, e.g. "map50_drop>0.01". */
  text: string;
}

/**
 * Gate line for `metric` from a compare's verdict checks: a gate on the metric itself sits at its limit; a drop
 * gate sits at reference − limit (the reference is 1 against the baseline, or the baseline's score against labels).
 */
export function gateLine(metric: string, r: CompareResult): GateLine | null {
  for (const c of r.verdict.checks) {
    const text = `${c.metric}${c.op}${c.limit}`;
    if (c.metric === metric) return { y: c.limit, text };
    const d = DROPS[c.metric];
    if (d && d.metric === metric) return { y: d.ref(r) - c.limit, text };
  }
  return null;
}

/** Checks that are neither a charted metric nor a drop of one (e.g. idSwitchesPerMin), charted on their own. */
export function extraGateChecks(r: CompareResult): GateCheck[] {
  const charted = new Set(METRICS.map((m) => m.key));
  return r.verdict.checks.filter((c) => !charted.has(c.metric) && !DROPS[c.metric]);
}

export interface NamedCompare {
  /** What the bar is labelled with (variant model / run). */
  name: string;
  result: CompareResult;
}

export interface MetricChart {
  metric: MetricDef | { key: string; label: string; better: 'higher' | 'lower'; unit?: MetricEntry['unit'] };
  bars: { name: string; value: number; failed: boolean }[];
  gate: GateLine | null;
}

/** One chart per metric that at least one compare has a value for; bars in the compares' order. */
export function metricCharts(compares: readonly NamedCompare[]): MetricChart[] {
  const charts: MetricChart[] = [];
  for (const m of METRICS) {
    const bars = compares.flatMap((c) => {
      const v = m.value(c.result);
      if (v === null || !Number.isFinite(v)) return [];
      const check = c.result.verdict.checks.find((k) => k.metric === m.key || DROPS[k.metric]?.metric === m.key);
      return [{ name: c.name, value: v, failed: check?.failed ?? false }];
    });
    if (bars.length) charts.push({ metric: m, bars, gate: compares.map((c) => gateLine(m.key, c.result)).find((g) => g) ?? null });
  }
  const extra = new Map<string, MetricChart>();
  for (const c of compares) {
    for (const k of extraGateChecks(c.result)) {
      if (k.value === null) continue;
      const chart = extra.get(k.metric) ?? { metric: { key: k.metric, label: k.metric, better: k.op.startsWith('>') ? 'lower' : 'higher' }, bars: [], gate: { y: k.limit, text: `${k.metric}${k.op}${k.limit}` } };
      chart.bars.push({ name: c.name, value: k.value, failed: k.failed });
      extra.set(k.metric, chart);
    }
  }
  return [...charts, ...extra.values()];
}
