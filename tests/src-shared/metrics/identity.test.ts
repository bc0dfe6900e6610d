import { describe, it, expect } from 'vitest';
import { identity } from '../../../src-shared/metrics/identity';
import { README_STEPS, README_THRESHOLD } from './motmetrics-example';
import type { TrackStep } from '../../../src-shared/metrics/track-data';

describe('identity (IDF1)', () => {
  it('assigns each gt id to one tracker id globally (hand-computed)', () => {
    // gt 1 overlaps tracker 10 once and tracker 20 twice; tracker 30 never reaches the threshold.
    const steps: TrackStep[] = [
      { gtIds: [1], trIds: [10], sim: [[0.9]] },
      { gtIds: [1], trIds: [20], sim: [[0.8]] },
      { gtIds: [1], trIds: [30], sim: [[0.1]] },
      { gtIds: [1], trIds: [20], sim: [[0.6]] },
    ];
    const r = identity(steps);
    expect([r.idtp, r.idfp, r.idfn]).toEqual([2, 2, 2]);
    expect(r.idf1).toBeCloseTo(0.5, 12);
  });

  it('the global optimum beats a greedy per-id choice', () => {
    // gt 1 ~ tr 10 (3 steps) and tr 20 (2); gt 2 ~ tr 10 (3). Greedy would give 1→10 (3) and 2→nothing;
    // the optimum 1→20, 2→10 gives IDTP 5.
    const steps: TrackStep[] = [
      { gtIds: [1, 2], trIds: [10], sim: [[0.9], [0]] },
      { gtIds: [1, 2], trIds: [10], sim: [[0.9], [0]] },
      { gtIds: [1, 2], trIds: [10], sim: [[0.9], [0]] },
      { gtIds: [1, 2], trIds: [20, 10], sim: [[0.9, 0], [0, 0.9]] },
      { gtIds: [1, 2], trIds: [20, 10], sim: [[0.9, 0], [0, 0.9]] },
      { gtIds: [2], trIds: [10], sim: [[0.9]] },
    ];
    const r = identity(steps);
    // gt boxes 11, tracker boxes 8; counts: (1,10)=3,(1,20)=2,(2,10)=3 → best 1→20 + 2→10 = 5 (vs 1→10 = 3).
    expect(r.idtp).toBe(5);
    expect(r.idfn).toBe(6);
    expect(r.idfp).toBe(3);
    expect(r.idf1).toBeCloseTo(5 / (5 + 1.5 + 3), 12);
  });

  it('perfect identity is 1; no tracker output is 0', () => {
    const steps = [0, 1].map(() => ({ gtIds: [1], trIds: [5], sim: [[1]] }));
    expect(identity(steps).idf1).toBe(1);
    expect(identity([{ gtIds: [1], trIds: [], sim: [[]] }]).idf1).toBe(0);
  });
});

describe('identity against a published reference', () => {
  it("reproduces py-motmetrics' README example: IDF1 83.3 % (full), 75.0 % (first two frames)", () => {
    const full = identity(README_STEPS, README_THRESHOLD);
    expect(full.idf1).toBeCloseTo(5 / 6, 12);
    expect([full.idp, full.idr]).toEqual([5 / 6, 5 / 6]);
    expect(identity(README_STEPS.slice(0, 2), README_THRESHOLD).idf1).toBeCloseTo(0.75, 12);
  });
});
