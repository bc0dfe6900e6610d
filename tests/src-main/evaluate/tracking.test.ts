import { describe, it, expect } from 'vitest';
import { classTracking, trackSteps, trackingScores } from '../../../src-main/evaluate/tracking';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import type { Box } from '../../../src-shared/formats/run';

const o = (id: number, box: Box, cls = 'cup', score = 0.9): ObjBox => ({ id, box, score, cls });
const seq = (frames: ObjBox[][]): Sequence => ({ frames, ptsMs: frames.map((_, i) => i * 40), width: 100, height: 100 });
const A: Box = [0, 0, 0.5, 0.5];
const B: Box = [0.5, 0.5, 0.9, 0.9];
const C: Box = [0.5, 0, 0.9, 0.4];

describe('tracking family', () => {
  it('similarity is 0 across classes, so a relabelled box is a miss and a false positive', () => {
    const ref = seq([[o(1, A)], [o(1, A)]]);
    const variant = seq([[o(3, A)], [o(3, A, 'bowl')]]);
    const t = trackingScores(trackSteps(ref, variant));
    expect(t.mota).toBeCloseTo((1 - 1) / 2, 12);
    expect(t.idSwitches).toBe(0);
    expect(t.idf1).toBeCloseTo(1 / (1 + 0.5 + 0.5), 12);
  });

  it('per class as TrackEval: each class alone, detection-averaged at the top level, class average beside it (hand-derived)', () => {
    // cup: perfect (MOTA 1, IDF1 1, HOTA 1). person: gt 2 on both frames, variant track 20 on frame 0 only and a
    // stray person box (21) on frame 1 → TP 1, FN 1, FP 1: MOTA 0, IDF1 1/2, HOTA √(1/3 · 1/2). kite: one box the
    // reference never shows → MOTA −1 for that class.
    const ref = seq([[o(1, A), o(2, B, 'person')], [o(1, A), o(2, B, 'person')]]);
    const variant = seq([[o(10, A), o(20, B, 'person'), o(30, C, 'kite')], [o(10, A), o(21, C, 'person')]]);
    const t = classTracking(ref, variant);
    expect(t.perClass.map((c) => [c.cls, c.gtBoxes, c.trackerBoxes])).toEqual([['cup', 2, 2], ['kite', 0, 1], ['person', 2, 2]]);
    const by = Object.fromEntries(t.perClass.map((c) => [c.cls, c]));
    expect([by.cup.mota, by.cup.idf1, by.cup.hota]).toEqual([1, 1, 1]);
    expect(by.kite.mota).toBe(-1);
    expect(by.person.mota).toBe(0);
    expect(by.person.hota).toBeCloseTo(Math.sqrt(1 / 6), 12);
    // Detection-averaged: TP 3, FN 1, FP 2 → MOTA (3 − 2)/4; IDF1 3/(3 + 1 + ½); DetA 3/6, AssA (2·1 + 1·½)/3.
    expect(t.mota).toBeCloseTo(0.25, 12);
    expect(t.idf1).toBeCloseTo(3 / 4.5, 12);
    expect(t.detA).toBeCloseTo(0.5, 12);
    expect(t.assA).toBeCloseTo(5 / 6, 12);
    expect(t.hota).toBeCloseTo(Math.sqrt(5 / 12), 12);
    // Class-averaged over the labelled classes (cup, person): MOTA ½, IDF1 ¾, HOTA (1 + √(1/6))/2.
    expect(t.classAveraged.mota).toBeCloseTo(0.5, 12);
    expect(t.classAveraged.idf1).toBeCloseTo(0.75, 12);
    expect(t.classAveraged.hota).toBeCloseTo((1 + Math.sqrt(1 / 6)) / 2, 12);
  });

  it('a class without reference boxes reads MOTA −FP as TrackEval computes it, and the JSON says why', () => {
    // TrackEval clear.py on a class with no gt: CLR_FP = tracker boxes, MOTA = (0 − FP − 0)/max(1, 0) = −FP; identity
    // and HOTA 0 (IDTP and HOTA_TP are 0). kite: 3 boxes on 2 frames → −3.
    const ref = seq([[o(1, A)], [o(1, A)]]);
    const variant = seq([[o(10, A), o(30, C, 'kite'), o(31, B, 'kite')], [o(10, A), o(30, C, 'kite')]]);
    const t = classTracking(ref, variant);
    const kite = t.perClass.find((c) => c.cls === 'kite')!;
    expect([kite.gtBoxes, kite.trackerBoxes, kite.mota, kite.idf1, kite.hota]).toEqual([0, 3, -3, 0, 0]);
    expect(kite.note).toMatch(/no reference boxes.*-FP.*left out of classAveraged/);
    expect(t.perClass.find((c) => c.cls === 'cup')!.note).toBeUndefined();
    // Left out of the class average (TrackEval would average it in: (1 + (−3))/2 = −1), in the sums of the top level.
    expect(t.classAveraged.mota).toBe(1);
    expect(t.classAveragedOver).toEqual({ classes: ['cup'], note: expect.stringMatching(/TrackEval averages every class/) });
    expect(t.mota).toBeCloseTo((2 - 3) / 2, 12);
  });

  it('a track whose label flips is two tracks, one per class (no cross-class match)', () => {
    const ref = seq([[o(1, A)], [o(1, A)]]);
    const variant = seq([[o(3, A)], [o(3, A, 'bowl')]]);
    const t = classTracking(ref, variant);
    expect(t.perClass.map((c) => c.cls)).toEqual(['bowl', 'cup']);
    expect(t.mota).toBeCloseTo(0, 12); // TP 1, FN 1, FP 1
    expect(t.classAveraged.mota).toBeCloseTo(0.5, 12); // cup alone: (1 − 0)/2
  });
});
