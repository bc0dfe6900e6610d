// Verdict and CI gates over a compare result. A gate is `<metric><op><number>` (op: > >= < <=) and FAILS when
// the condition holds, e.g. "map50_drop>0.01,flickerPerMin>2". The gate keys, their values and the defaults come from
// the metric catalogue (src-shared/metrics/catalogue.ts `GATES`): every scalar of the result's families (map50, mota,
// flickerPerMin, cosineMean, …) plus the drops against the reference (map50_drop, map_drop, mota_drop, idf1_drop,
// hota_drop: fractions, reference − variant; without labels the baseline scores 1 against itself),
// idSwitchesPerMin (the variant's id switches per minute of clip) and idSwitchesPerMin_increase (variant − baseline,
// per minute). Rates are not computed from runs shorter than 10 s: those gates are reported with their count, unchecked.
import { EdgeLabError } from '../../src-shared/protocol';
import { DEFAULT_GATES, GATES, gateByKey, gateValues } from '../../src-shared/metrics/catalogue';
import type { CompareResult, GateCheck, Verdict } from '../../src-shared/types/degradation';

/** Defaults (the issue's): mAP@0.5 drop ≤ 1 point, id switches + ≤ 1/min, embedding cosine mean ≥ 0.98. */
export { DEFAULT_GATES };

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

/** Every gate-able value of a result, by gate key (absent embedding scores and non-finite values are left out). */
export function gateMetrics(r: CompareResult): Record<string, number> {
  return gateValues(r);
}

/** Checks every gate; a gate on a metric the result does not have (e.g. cosineMean without embeddings) is skipped. */
export function verdict(r: CompareResult, gates: readonly Gate[]): Verdict {
  const values = gateMetrics(r);
  const checks: GateCheck[] = [];
  for (const g of gates) {
    const def = gateByKey(g.metric);
    if (!def) throw new EdgeLabError('BAD_INPUT', `gate on unknown metric "${g.metric}" (known: ${GATES.map((x) => x.key).sort().join(', ')})`);
    // Rate gates carry the count the rate is made of and the run's duration (shown instead of a rate on short runs).
    const count = def.count ? { count: def.count(r), durationMs: r.durationMs } : {};
    const v = values[g.metric];
    if (v === undefined) {
      checks.push({ ...g, value: null, failed: false, ...count });
      continue;
    }
    const failed = g.op === '>' ? v > g.limit : g.op === '>=' ? v >= g.limit : g.op === '<' ? v < g.limit : v <= g.limit;
    checks.push({ ...g, value: v, failed, ...count });
  }
  return { pass: checks.every((c) => !c.failed), checks };
}
