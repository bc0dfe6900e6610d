// Cadence sweep chart data (views/SweepView.tsx): one panel per experience column (SWEEP_METRICS) of metric value
// against detector calls per second, with the gate lines the sweep's gates draw on that metric and the pick.
import { gateByKey, metricByKey } from '../../src-shared/metrics/catalogue';
import { SWEEP_METRICS, type SweepResult, type SweepRow } from '../../src-shared/types/sweep';

export interface SweepPoint {
  x: number;
  y: number;
  cadence: string;
  pass: boolean;
  pick: boolean;
  row: SweepRow;
}

export interface SweepPanel {
  key: string;
  label: string;
  points: SweepPoint[];
  /** y of the gate lines on this metric: absolute gates at their limit; drop gates at 1 − limit (every-frame reference only). */
  gateLines: number[];
}

/** "<metric><op><number>" gates of the sweep, split (malformed entries skipped: the engine already rejected them). */
function parseGateList(spec: string): { metric: string; limit: number }[] {
  return spec
    .split(',')
    .map((s) => /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:>=|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i.exec(s))
    .flatMap((m) => (m ? [{ metric: m[1], limit: Number(m[2]) }] : []));
}

/** Gate line y values on metric `key`. */
export function gateLinesFor(key: string, gates: string, reference: SweepResult['reference']['kind']): number[] {
  const out: number[] = [];
  for (const g of parseGateList(gates)) {
    const def = gateByKey(g.metric);
    if (!def || def.metric.key !== key) continue;
    if (def.kind === 'absolute') out.push(g.limit);
    else if (def.kind === 'drop' && reference === 'every-frame') out.push(1 - g.limit);
  }
  return out;
}

export function sweepPanels(r: SweepResult): SweepPanel[] {
  return SWEEP_METRICS.map((key) => ({
    key,
    label: metricByKey(key)?.label ?? key,
    points: r.rows.flatMap((row) =>
      row[key] === null
        ? []
        : [{ x: row.detectorCallsPerSec, y: row[key]!, cadence: String(row.cadence), pass: row.pass, pick: r.pick?.cadence === row.cadence, row }],
    ),
    gateLines: gateLinesFor(key, r.gates, r.reference.kind),
  }));
}
