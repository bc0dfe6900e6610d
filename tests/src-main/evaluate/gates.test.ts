import { describe, it, expect } from 'vitest';
import { DEFAULT_GATES, gateMetrics, parseGates, verdict } from '../../../src-main/evaluate/gates';
import { GATES } from '../../../src-shared/metrics/catalogue';
import type { CompareResult } from '../../../src-shared/types/degradation';

const TRACK = { mota: 0.9, motp: 0.9, idSwitches: 3, fragmentations: 0, idf1: 0.9, hota: 0.8, detA: 0.8, assA: 0.8 };

/** A result one minute long: mAP@0.5 0.95, 3 id switches, flicker 4/min, no embeddings. */
function result(): CompareResult {
  const who = { runId: 'x', dir: '/x', model: 'm', variantKind: 'fp32' };
  return {
    baseline: who,
    variant: who,
    reference: { kind: 'baseline', frames: 600 },
    detection: { map50: 0.95, map: 0.8, precision: 0.9, recall: 0.9, perClass: [] },
    tracking: { ...TRACK, perClass: [{ cls: 'cup', gtBoxes: 600, trackerBoxes: 600, ...TRACK }], classAveraged: TRACK },
    experience: { flickerPerMin: 4, baselineFlickerPerMin: 0, jitter: 0, timeToFirstBoxMs: 0, neverFound: 0, lagFrames: 0, labelFlips: 0 },
    embedding: { cosineMean: null, cosineP5: null, topkOverlap: null, k: 0, pairs: 0 },
    events: [],
    verdict: { pass: true, checks: [] },
    frames: 600,
    durationMs: 60_000,
  };
}

describe('gates', () => {
  it('parses gates and refuses malformed ones', () => {
    expect(parseGates('map50_drop>0.01, flickerPerMin>=2')).toEqual([
      { metric: 'map50_drop', op: '>', limit: 0.01 },
      { metric: 'flickerPerMin', op: '>=', limit: 2 },
    ]);
    expect(() => parseGates('map50 drop')).toThrow(/metric><op><number/);
  });

  it('derives drops against the baseline and id switches per minute', () => {
    const m = gateMetrics(result());
    expect(m.map50_drop).toBeCloseTo(0.05, 12);
    expect(m.idSwitchesPerMin).toBe(3);
    expect(m.flickerPerMin).toBe(4);
  });

  it('fails a gate whose condition holds, skips absent embedding scores, refuses unknown metrics', () => {
    const v = verdict(result(), parseGates('map50_drop>0.1,flickerPerMin>2,cosineMean<0.98'));
    expect(v.pass).toBe(false);
    expect(v.checks.map((c) => c.failed)).toEqual([false, true, false]);
    expect(v.checks[2].value).toBeNull();
    expect(verdict(result(), parseGates(DEFAULT_GATES)).pass).toBe(false); // 0.05 drop and 3 switches/min
    expect(() => verdict(result(), parseGates('nope>1'))).toThrow(/unknown metric "nope"/);
  });

  it('every catalogue gate key parses and evaluates to its catalogue value; unknown keys are refused naming them all', () => {
    const values = gateMetrics(result());
    for (const g of GATES) {
      const v = verdict(result(), parseGates(`${g.key}>=-1e9`));
      const expected = values[g.key];
      const count = g.count ? { count: g.count(result()), durationMs: result().durationMs } : {};
      expect(v.checks[0], g.key).toEqual({ metric: g.key, op: '>=', limit: -1e9, value: expected ?? null, failed: expected !== undefined, ...count });
    }
    // The absent embedding scores are the only keys without a value here.
    expect(GATES.map((g) => g.key).filter((k) => values[k] === undefined)).toEqual(['cosineMean', 'cosineP5', 'topkOverlap']);
    expect(() => verdict(result(), parseGates('nope>1'))).toThrow(
      'gate on unknown metric "nope" (known: assA, baselineFlickerPerMin, cosineMean, cosineP5, detA, flickerPerMin, fragmentations, hota, hota_drop, idSwitches, idSwitchesPerMin, idSwitchesPerMin_increase, idf1, idf1_drop, jitter, k, labelFlips, lagFrames, map, map50, map50_drop, map_drop, mota, mota_drop, motp, neverFound, pairs, precision, recall, timeToFirstBoxMs, topkOverlap)',
    );
  });
});
