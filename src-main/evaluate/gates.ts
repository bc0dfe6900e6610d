// Verdict and CI gates over a compare result. A gate is `<metric><op><number>` (op: > >= < <=) and FAILS when
// the condition holds, e.g. "map50_drop>0.01,flickerPerMin>2". Metric names: every scalar of the result's
// families (map50, mota, flickerPerMin, cosineMean, …) plus the drops/increases against the baseline:
// map50_drop, map_drop, mota_drop, idf1_drop, hota_drop (fractions, baseline − variant; without labels the
// baseline scores 1 against itself) and idSwitchesPerMin (variant − baseline id switches per minute of clip).
import { EdgeLabError } from '../../src-shared/protocol';
import type { CompareResult, GateCheck, Verdict } from '../../src-shared/types/degradation';

/** Defaults (the issue's): mAP@0.5 drop ≤ 1 point, id switches + ≤ 1/min, embedding cosine mean ≥ 0.98. */
export const DEFAULT_GATES = 'map50_drop>0.01,idSwitchesPerMin>1,cosineMean<0.98';

type Op = '>' | '>=' | '<' | '<=';
export interface Gate {
  metric: string;
  op: Op;
  limit: number;
}

export function parseGates(spec: string): Gate[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^([A-Za-z][A-Za-z0-9_]*)\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/i.exec(s);
      if (!m) throw new EdgeLabError('BAD_INPUT', `gate "${s}" is not <metric><op><number> (op one of > >= < <=)`);
      return { metric: m[1], op: m[2] as Op, limit: Number(m[3]) };
    });
}

/** Every gate-able scalar of a result (null embedding scores are left out). */
export function gateMetrics(r: CompareResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const fam of [r.detection, r.tracking, r.experience, r.embedding] as unknown as Record<string, unknown>[]) {
    for (const [k, v] of Object.entries(fam)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  const base = r.baselineVsLabels;
  const ref = (k: 'map50' | 'map', t?: 'mota' | 'idf1' | 'hota') => (base ? (t ? base.tracking[t] : base.detection[k]) : 1);
  out.map50_drop = ref('map50') - r.detection.map50;
  out.map_drop = ref('map') - r.detection.map;
  out.mota_drop = ref('map', 'mota') - r.tracking.mota;
  out.idf1_drop = ref('map', 'idf1') - r.tracking.idf1;
  out.hota_drop = ref('map', 'hota') - r.tracking.hota;
  const minutes = r.durationMs / 60_000;
  const extra = r.tracking.idSwitches - (base ? base.tracking.idSwitches : 0);
  out.idSwitchesPerMin = minutes > 0 ? extra / minutes : 0;
  return out;
}

/** Checks every gate; a gate on a metric the result does not have (e.g. cosineMean without embeddings) is skipped. */
export function verdict(r: CompareResult, gates: readonly Gate[]): Verdict {
  const values = gateMetrics(r);
  const known = new Set([...Object.keys(values), 'cosineMean', 'cosineP5', 'topkOverlap']);
  const checks: GateCheck[] = [];
  for (const g of gates) {
    if (!known.has(g.metric)) throw new EdgeLabError('BAD_INPUT', `gate on unknown metric "${g.metric}" (known: ${[...known].sort().join(', ')})`);
    const v = values[g.metric];
    if (v === undefined) {
      checks.push({ ...g, value: null, failed: false });
      continue;
    }
    const failed = g.op === '>' ? v > g.limit : g.op === '>=' ? v >= g.limit : g.op === '<' ? v < g.limit : v <= g.limit;
    checks.push({ ...g, value: v, failed });
  }
  return { pass: checks.every((c) => !c.failed), checks };
}
