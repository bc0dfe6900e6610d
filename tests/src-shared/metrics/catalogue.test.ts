// The metric catalogue: one entry per scalar of a CompareResult's families, unique gate keys (each parsed and
// evaluated in tests/src-main/evaluate/gates.test.ts), the defaults and the report's metric keys are the documented ones (a public contract), drops and per-minute gates
// read the labels' reference when there is one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES, EVENT_KINDS, GATES, METRICS, METRIC_GROUPS, REPORT_METRICS, formatMetric, gateByKey, gateValues, metricByKey, type MetricEntry } from '../../../src-shared/metrics/catalogue';
import type { CompareResult } from '../../../src-shared/types/degradation';

const TRACK = { mota: 0.9, motp: 0.8, idSwitches: 3, fragmentations: 2, idf1: 0.7, hota: 0.6, detA: 0.5, assA: 0.4 };

/** A result one minute long with embeddings; every scalar distinct where it can be. */
function result(): CompareResult {
  const who = { runId: 'x', dir: '/x', model: 'm', variantKind: 'fp32' };
  return {
    baseline: who,
    variant: who,
    reference: { kind: 'baseline', frames: 600 },
    detection: { map50: 0.95, map: 0.85, precision: 0.75, recall: 0.65, perClass: [] },
    tracking: { ...TRACK, perClass: [], classAveraged: TRACK },
    experience: { flickerPerMin: 4, baselineFlickerPerMin: 1, jitter: 0.01, timeToFirstBoxMs: 33, neverFound: 1, lagFrames: 2, labelFlips: 5 },
    embedding: { cosineMean: 0.99, cosineP5: 0.9, topkOverlap: 0.8, k: 5, pairs: 40 },
    events: [],
    verdict: { pass: true, checks: [] },
    frames: 600,
    durationMs: 60_000,
  };
}

const entries = METRICS as readonly MetricEntry[];

describe('metric catalogue', () => {
  it('has one entry per numeric scalar of the four families, reading that scalar', () => {
    const r = result();
    const scalars = METRIC_GROUPS.flatMap((g) =>
      Object.entries(r[g] as unknown as Record<string, unknown>)
        .filter(([, v]) => typeof v === 'number' || v === null)
        .map(([k, v]) => ({ g, k, v })),
    );
    expect(entries.map((m) => m.key).sort()).toEqual(scalars.map((s) => s.k).sort());
    for (const s of scalars) {
      const m = metricByKey(s.k)!;
      expect(m.group, s.k).toBe(s.g);
      expect(m.value(r), s.k).toBe(s.v);
    }
    expect(new Set(entries.map((m) => m.key)).size).toBe(entries.length);
  });

  it('the report metrics are the documented keys in the documented order (report JSON and CSV contract)', () => {
    expect(REPORT_METRICS.map((m) => m.key)).toEqual([
      'map50', 'map', 'precision', 'recall', 'mota', 'motp', 'idSwitches', 'fragmentations', 'idf1', 'hota',
      'flickerPerMin', 'jitter', 'timeToFirstBoxMs', 'neverFound', 'lagFrames', 'labelFlips', 'cosineMean', 'cosineP5', 'topkOverlap',
    ]);
    expect(EVENT_KINDS).toEqual(['missed', 'extra', 'id-switch', 'drift', 'flicker']);
  });

  it('gate keys are unique: drops, the per-minute rate and its increase, then every metric; the defaults are the documented ones', () => {
    expect(DEFAULT_GATES).toBe('map50_drop>0.01,idSwitchesPerMin_increase>1,cosineMean<0.98');
    expect(new Set(GATES.map((g) => g.key)).size).toBe(GATES.length);
    expect(GATES.filter((g) => g.kind !== 'absolute').map((g) => g.key)).toEqual(['map50_drop', 'map_drop', 'mota_drop', 'idf1_drop', 'hota_drop', 'idSwitchesPerMin', 'idSwitchesPerMin_increase']);
    expect(GATES.filter((g) => g.kind === 'absolute').map((g) => g.key)).toEqual(entries.map((m) => m.key));
  });

  it('drops are taken from 1 against the baseline and from the baseline’s score against labels; switches per minute over the baseline’s', () => {
    const r = result();
    expect(gateByKey('map50_drop')!.value(r)).toBeCloseTo(0.05, 12);
    expect(gateByKey('hota_drop')!.value(r)).toBeCloseTo(0.4, 12);
    // r: 3 id switches in a 60 s run, the baseline none.
    expect(gateByKey('idSwitchesPerMin')!.value(r)).toBe(3);
    expect(gateByKey('idSwitchesPerMin_increase')!.value(r)).toBe(3);
    const labelled: CompareResult = { ...r, durationMs: 30_000, baselineVsLabels: { detection: { ...r.detection, map50: 0.9 }, tracking: { ...r.tracking, idSwitches: 1, mota: 0.95 } } };
    expect(gateByKey('map50_drop')!.value(labelled)).toBeCloseTo(-0.05, 12);
    expect(gateByKey('mota_drop')!.value(labelled)).toBeCloseTo(0.05, 12);
    expect(gateByKey('map50_drop')!.reference!(labelled)).toBe(0.9);
    expect(gateByKey('idSwitchesPerMin_increase')!.value(labelled)).toBe(4); // (3 − 1) switches over half a minute
    expect(gateByKey('idSwitchesPerMin')!.value(labelled)).toBe(6); // the variant's own 3 switches over half a minute
    // Fewer switches than the baseline: the increase is negative, the rate is still the variant's own.
    const better: CompareResult = { ...labelled, baselineVsLabels: { ...labelled.baselineVsLabels!, tracking: { ...labelled.baselineVsLabels!.tracking, idSwitches: 5 } } };
    expect(gateByKey('idSwitchesPerMin_increase')!.value(better)).toBe(-4);
    expect(gateByKey('idSwitchesPerMin')!.value(better)).toBe(6);
  });

  it('rates are not extrapolated from runs shorter than 10 s: no gate value, the count is kept for display', () => {
    const short: CompareResult = { ...result(), durationMs: 1_100, experience: { ...result().experience, flickerPerMin: 109.0909 } };
    for (const k of ['idSwitchesPerMin', 'idSwitchesPerMin_increase', 'flickerPerMin']) expect(gateByKey(k)!.value(short), k).toBeNull();
    expect(gateByKey('idSwitchesPerMin')!.count!(short)).toBe(3);
    expect(gateByKey('flickerPerMin')!.count!(short)).toBe(2); // 109.09/min × 1.1 s
    expect(gateByKey('idSwitches')!.value(short)).toBe(3); // counts are gate-able whatever the length
    expect(gateValues(short)).not.toHaveProperty('idSwitchesPerMin');
  });

  it('absent embedding scores have no gate value; display digits per entry', () => {
    const r: CompareResult = { ...result(), embedding: { cosineMean: null, cosineP5: null, topkOverlap: null, k: 0, pairs: 0 } };
    expect(gateValues(r)).not.toHaveProperty('cosineMean');
    expect(gateValues(r)).toHaveProperty('map50', 0.95);
    expect(formatMetric(metricByKey('map50')!, 0.95)).toBe('0.950');
    expect(formatMetric(metricByKey('idSwitches')!, 3)).toBe('3');
    expect(formatMetric(metricByKey('cosineMean')!, null)).toBeNull();
  });
});
