import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { matchFrame, addFrame, emptyTotals, metrics, frameDisagreement, type MatchBox } from '../../../src-shared/metrics/match';
import type { Box } from '../../../src-shared/formats/run';

const d = (box: Box, classId = 1, score = 0.9): MatchBox => ({ box, classId, score });

describe('matchFrame', () => {
  it('matches identical boxes with IoU 1 and leaves nothing over', () => {
    const a = [d([0.1, 0.1, 0.3, 0.3]), d([0.5, 0.5, 0.9, 0.8], 2)];
    const m = matchFrame(a, a, 0.5);
    expect(m.pairs).toEqual([
      { baseline: 0, variant: 0, iou: 1 },
      { baseline: 1, variant: 1, iou: 1 },
    ]);
    expect(m.missed).toEqual([]);
    expect(m.extra).toEqual([]);
  });

  it('does not match across classes', () => {
    const m = matchFrame([d([0, 0, 0.5, 0.5], 1)], [d([0, 0, 0.5, 0.5], 2)], 0.5);
    expect(m.pairs).toEqual([]);
    expect(m.missed).toEqual([0]);
    expect(m.extra).toEqual([0]);
  });

  it('compares classes by label when both boxes have one, else by class id', () => {
    const a = { box: [0, 0, 0.5, 0.5] as Box, score: 0.9, classId: 47, label: 'cup' };
    const b = { box: [0, 0, 0.5, 0.5] as Box, score: 0.8, classId: 41, label: 'cup' };
    expect(matchFrame([a], [b], 0.5).pairs).toHaveLength(1);
    expect(matchFrame([a], [{ ...b, label: 'bowl' }], 0.5).pairs).toHaveLength(0);
    expect(matchFrame([{ ...a, label: undefined }], [{ ...b, label: undefined }], 0.5).pairs).toHaveLength(0);
  });

  it('rejects pairs under the IoU threshold', () => {
    // IoU of [0,0,1,1]·0.5 shifted by a quarter width: inter 0.25*0.5, union 0.25+0.25-0.125 → 1/3
    const m = matchFrame([d([0, 0, 0.5, 0.5])], [d([0.25, 0, 0.75, 0.5])], 0.5);
    expect(m.pairs).toEqual([]);
    const loose = matchFrame([d([0, 0, 0.5, 0.5])], [d([0.25, 0, 0.75, 0.5])], 0.3);
    expect(loose.pairs).toHaveLength(1);
    expect(loose.pairs[0].iou).toBeCloseTo(1 / 3, 12);
  });

  it('is greedy by highest IoU first, one-to-one', () => {
    // variant 0 overlaps both baselines; it must go to baseline 1 (higher IoU), leaving baseline 0 to variant 1.
    const base = [d([0, 0, 0.4, 0.4]), d([0.1, 0, 0.5, 0.4])];
    const vari = [d([0.1, 0, 0.5, 0.4]), d([0, 0, 0.38, 0.4])];
    const m = matchFrame(base, vari, 0.5);
    expect(m.pairs.map((p) => [p.baseline, p.variant])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(m.pairs[1].iou).toBe(1);
  });
});

describe('metrics', () => {
  it('computes precision, recall, F1, mean IoU and score delta over frames', () => {
    let t = emptyTotals();
    // frame 1: one exact match (scores 0.9 vs 0.7), one missed
    const b1 = [d([0, 0, 0.2, 0.2], 1, 0.9), d([0.6, 0.6, 0.9, 0.9], 1, 0.8)];
    const v1 = [d([0, 0, 0.2, 0.2], 1, 0.7)];
    t = addFrame(t, matchFrame(b1, v1, 0.5), b1, v1);
    // frame 2: one extra
    const b2: MatchBox[] = [];
    const v2 = [d([0.1, 0.1, 0.2, 0.2])];
    t = addFrame(t, matchFrame(b2, v2, 0.5), b2, v2);
    expect(t).toMatchObject({ frames: 2, tp: 1, fp: 1, fn: 1 });
    const m = metrics(t);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.5);
    expect(m.f1).toBe(0.5);
    expect(m.meanIoU).toBe(1);
    expect(m.meanScoreDelta).toBeCloseTo(0.2, 12);
  });

  it('treats two empty runs as full agreement and an empty variant as zero recall', () => {
    expect(metrics(emptyTotals())).toEqual({ precision: 1, recall: 1, f1: 1, meanIoU: 1, meanScoreDelta: 0 });
    const b = [d([0, 0, 0.5, 0.5])];
    const t = addFrame(emptyTotals(), matchFrame(b, [], 0.5), b, []);
    const m = metrics(t);
    expect(m.recall).toBe(0);
    expect(m.precision).toBe(0);
    expect(m.f1).toBe(0);
  });

  it('frameDisagreement is 0 for identical frames and counts misses and extras', () => {
    const a = [d([0, 0, 0.5, 0.5])];
    expect(frameDisagreement(matchFrame(a, a, 0.5))).toBe(0);
    expect(frameDisagreement(matchFrame(a, [], 0.5))).toBe(1); // one missed, no pair to lower the IoU term
    expect(frameDisagreement(matchFrame(a, [d([0, 0, 0.5, 0.4])], 0.5))).toBeCloseTo(0.2, 12); // IoU 0.8
  });

  it('property: a run against itself always scores 1 and every box is matched', () => {
    const box = fc
      .tuple(fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0.01, max: 0.2, noNaN: true }), fc.double({ min: 0.01, max: 0.2, noNaN: true }))
      .map(([x, y, w, h]): Box => [x, y, x + w, y + h]);
    const det = fc.record({ box, score: fc.double({ min: 0, max: 1, noNaN: true }), classId: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(det, { maxLength: 12 }), (dets) => {
        const m = matchFrame(dets, dets, 0.5);
        const t = addFrame(emptyTotals(), m, dets, dets);
        const r = metrics(t);
        // Greedy may pair two identical-class overlapping boxes crosswise, but never leaves any unmatched.
        return m.missed.length === 0 && m.extra.length === 0 && r.precision === 1 && r.recall === 1;
      }),
    );
  });
});
