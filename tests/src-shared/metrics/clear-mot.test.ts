import { describe, it, expect } from 'vitest';
import { clearMot } from '../../../src-shared/metrics/clear-mot';
import { README_STEPS, README_THRESHOLD } from './motmetrics-example';
import type { TrackStep } from '../../../src-shared/metrics/track-data';

// One ground-truth object over four steps: tracker 10, then 20 (id switch), then only a far box 30 (miss and
// false positive, tracking interrupted), then 20 again (a fragmentation, no new switch: last id was 20).
export const SWITCH_SEQ: TrackStep[] = [
  { gtIds: [1], trIds: [10], sim: [[0.9]] },
  { gtIds: [1], trIds: [20], sim: [[0.8]] },
  { gtIds: [1], trIds: [30], sim: [[0.1]] },
  { gtIds: [1], trIds: [20], sim: [[0.6]] },
];

describe('CLEAR-MOT', () => {
  it('counts TP/FP/FN, id switches and fragmentations (hand-computed)', () => {
    const r = clearMot(SWITCH_SEQ);
    expect([r.tp, r.fp, r.fn, r.idSwitches, r.fragmentations]).toEqual([3, 1, 1, 1, 1]);
    expect(r.mota).toBeCloseTo((3 - 1 - 1) / 4, 12);
    expect(r.motp).toBeCloseTo((0.9 + 0.8 + 0.6) / 3, 12);
    expect(r.mostlyTracked).toBe(0); // 3/4 tracked is not > 80 %
  });

  it('prefers continuing the previous match over a higher-IoU swap (TrackEval bonus)', () => {
    const r = clearMot([
      { gtIds: [1, 2], trIds: [10, 20], sim: [[0.9, 0], [0, 0.9]] },
      { gtIds: [1, 2], trIds: [10, 20], sim: [[0.6, 0.9], [0.9, 0.6]] },
    ]);
    expect(r.idSwitches).toBe(0);
    expect(r.tp).toBe(4);
    expect(r.motp).toBeCloseTo((0.9 * 2 + 0.6 * 2) / 4, 12);
  });

  it('a step without tracker boxes is all misses and does not break continuity', () => {
    const r = clearMot([
      { gtIds: [1], trIds: [10], sim: [[1]] },
      { gtIds: [1], trIds: [], sim: [[]] },
      { gtIds: [1], trIds: [10], sim: [[1]] },
      { gtIds: [], trIds: [10], sim: [] },
    ]);
    expect([r.tp, r.fn, r.fp, r.fragmentations, r.idSwitches]).toEqual([2, 1, 1, 0, 0]);
    expect(r.mota).toBeCloseTo((2 - 1) / 3, 12);
  });

  it('a perfect tracker scores MOTA 1', () => {
    const steps = [0, 1, 2].map(() => ({ gtIds: [1, 2], trIds: [7, 8], sim: [[1, 0], [0, 1]] }));
    const r = clearMot(steps);
    expect(r.mota).toBe(1);
    expect(r.motp).toBe(1);
    expect(r.mostlyTracked).toBe(2);
  });
});

describe('CLEAR-MOT against a published reference', () => {
  it("reproduces py-motmetrics' README example (MOTA 0.5, MOTP 0.340 as distance, 1 switch, 1 fragmentation)", () => {
    const full = clearMot(README_STEPS, README_THRESHOLD);
    expect(full.mota).toBeCloseTo(0.5, 12);
    expect(1 - full.motp).toBeCloseTo(0.34, 12);
    expect([full.idSwitches, full.fragmentations, full.fp, full.fn, full.mostlyTracked, full.mostlyLost]).toEqual([1, 1, 1, 1, 1, 0]);
    const part = clearMot(README_STEPS.slice(0, 2), README_THRESHOLD);
    expect(part.mota).toBeCloseTo(0.5, 12);
    expect(1 - part.motp).toBeCloseTo(0.5 / 3, 12);
    expect([part.idSwitches, part.fragmentations]).toEqual([0, 0]);
  });
});
