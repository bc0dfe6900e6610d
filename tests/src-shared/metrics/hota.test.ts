import { describe, it, expect } from 'vitest';
import { hota, HOTA_ALPHAS } from '../../../src-shared/metrics/hota';

describe('HOTA', () => {
  it('has 19 α from 0.05 to 0.95', () => {
    expect(HOTA_ALPHAS.length).toBe(19);
    expect(HOTA_ALPHAS[0]).toBe(0.05);
    expect(HOTA_ALPHAS[18]).toBeCloseTo(0.95, 12);
  });

  it('is 1 for a perfect tracker', () => {
    const r = hota([0, 1, 2].map(() => ({ gtIds: [1, 2], trIds: [3, 4], sim: [[1, 0], [0, 1]] })));
    expect(r.hota).toBeCloseTo(1, 12);
    expect(r.detA).toBeCloseTo(1, 12);
    expect(r.assA).toBeCloseTo(1, 12);
    expect(r.locA).toBeCloseTo(1, 12);
  });

  it('an id switch halfway halves AssA: HOTA = √0.5 (HOTA paper, Fig. 2 style case)', () => {
    // One gt over 4 steps, tracker 10 then 20, perfect boxes: DetA 1 at every α; each tracker id shares 2 of
    // 4 + 2 − 2 = 4 frames with the gt → association Jaccard 0.5 for every TP.
    const sim = [[1]];
    const r = hota([
      { gtIds: [1], trIds: [10], sim },
      { gtIds: [1], trIds: [10], sim },
      { gtIds: [1], trIds: [20], sim },
      { gtIds: [1], trIds: [20], sim },
    ]);
    expect(r.detA).toBeCloseTo(1, 12);
    expect(r.assA).toBeCloseTo(0.5, 12);
    expect(r.hota).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('localisation: IoU 0.5 boxes count as TP only for α ≤ 0.5 (10 of 19 α)', () => {
    const r = hota([0, 1].map(() => ({ gtIds: [1], trIds: [2], sim: [[0.5]] })));
    expect(r.hota).toBeCloseTo(10 / 19, 12);
    expect(r.perAlpha[9].detA).toBe(1);
    expect(r.perAlpha[10].detA).toBe(0);
    expect(r.locA).toBeGreaterThan(0);
  });

  it('misses and false positives lower DetA: one of two gt found, one extra box', () => {
    // Per α: TP 1, FN 1, FP 1 each step → DetA 1/3, AssA 1 → HOTA √(1/3).
    const r = hota([0, 1].map(() => ({ gtIds: [1, 2], trIds: [5, 6], sim: [[1, 0], [0, 0]] })));
    expect(r.detA).toBeCloseTo(1 / 3, 12);
    expect(r.assA).toBeCloseTo(1, 12);
    expect(r.hota).toBeCloseTo(Math.sqrt(1 / 3), 12);
  });

  it('no tracker output → 0', () => {
    expect(hota([{ gtIds: [1], trIds: [], sim: [[]] }]).hota).toBe(0);
  });
});
