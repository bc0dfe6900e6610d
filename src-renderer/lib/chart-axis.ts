// The y axis of a metric chart, from the metric's unit (src-shared/metrics/catalogue.ts): a [0, 1] metric never gets
// a tick above 1 (no "1.09"), counts and frames get whole-number ticks, every axis includes and labels 0, and the
// other units get a little head room above the largest bar or gate. Pure; MetricBars feeds it to recharts' YAxis.
import type { MetricUnit } from '../../src-shared/metrics/catalogue';

export interface YAxisSpec {
  domain: [number, number];
  /** Explicit ticks (fractions, counts), or undefined to let the chart choose within the domain. */
  ticks?: number[];
  allowDecimals: boolean;
  format(v: number): string;
}

/** A whole-number step giving at most ~5 ticks up to `max` (1, 2, 5 × 10^k). */
function countStep(max: number): number {
  const raw = Math.max(1, max / 5);
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

export function yAxisFor(unit: MetricUnit | undefined, lo: number, hi: number): YAxisSpec {
  const min = Math.min(0, lo);
  if (unit === 'fraction' || unit === 'cosine') {
    const bottom = min < 0 ? Math.max(-1, Math.floor(min * 4) / 4) : 0;
    const ticks: number[] = [];
    for (let t = bottom; t <= 1 + 1e-9; t += 0.25) ticks.push(Number(t.toFixed(2)));
    return { domain: [bottom, 1], ticks, allowDecimals: true, format: (v) => (v === 0 ? '0' : String(Number(v.toFixed(2)))) };
  }
  if (unit === 'count' || unit === 'frames') {
    const step = countStep(Math.max(1, hi));
    const top = Math.max(step, Math.ceil(Math.max(1, hi) / step) * step);
    const bottom = min < 0 ? -Math.ceil(-min / step) * step : 0;
    const ticks: number[] = [];
    for (let t = bottom; t <= top; t += step) ticks.push(t);
    return { domain: [bottom, top], ticks, allowDecimals: false, format: (v) => String(Math.round(v)) };
  }
  const top = hi > 0 ? hi * 1.1 : 1;
  return { domain: [min, top], allowDecimals: true, format: (v) => (v === 0 ? '0' : Math.abs(v) < 10 ? String(Number(v.toFixed(2))) : v.toFixed(0)) };
}
