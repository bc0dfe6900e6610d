// Combining per-class tracking results as TrackEval does (cls_comb_det_av / cls_comb_cls_av), on a two-class case
// whose every number is derived by hand below.
import { describe, expect, it } from 'vitest';
import { clearMot } from '../../../src-shared/metrics/clear-mot';
import { combineClasses, type ClassTracking } from '../../../src-shared/metrics/combine-classes';
import { hota } from '../../../src-shared/metrics/hota';
import { identity } from '../../../src-shared/metrics/identity';
import { stepFromBoxes, type IdBox, type TrackStep } from '../../../src-shared/metrics/track-data';
import type { Box } from '../../../src-shared/formats/run';

const A: Box = [0, 0, 0.4, 0.4];
const B: Box = [0.5, 0.5, 0.9, 0.9];
const C: Box = [0.5, 0, 0.9, 0.4];
const b = (id: number, box: Box): IdBox => ({ id, box });
const evaluate = (steps: TrackStep[]): ClassTracking => ({ clear: clearMot(steps), identity: identity(steps), hota: hota(steps) });

// cup: gt 1 at A on both frames, tracker 10 exactly on it → TP 2, FN 0, FP 0; MOTA 1, IDF1 1, HOTA 1.
const cup = evaluate([stepFromBoxes([b(1, A)], [b(10, A)]), stepFromBoxes([b(1, A)], [b(10, A)])]);
// person: gt 2 at B on both frames; tracker 20 on it at frame 0, tracker 21 elsewhere (C, IoU 0) at frame 1.
// CLEAR: TP 1, FN 1, FP 1 → MOTA (1 − 1)/2 = 0. Identity: IDTP 1, IDFP 1, IDFN 1 → IDF1 1/2.
// HOTA (every α): TP 1, FN 1, FP 1 → DetA 1/3; pair (2,20) matched once, |gt 2| 2, |tr 20| 1 → Jaccard
// 1/(2 + 1 − 1) = 1/2 → AssA 1/2; HOTA √(1/6).
const person = evaluate([stepFromBoxes([b(2, B)], [b(20, B)]), stepFromBoxes([b(2, B)], [b(21, C)])]);

describe('combineClasses', () => {
  it('the per-class numbers are the hand-derived ones', () => {
    expect([cup.clear.mota, cup.identity.idf1, cup.hota.hota]).toEqual([1, 1, 1]);
    expect(person.clear.mota).toBe(0);
    expect(person.identity.idf1).toBeCloseTo(0.5, 12);
    expect(person.hota.detA).toBeCloseTo(1 / 3, 12);
    expect(person.hota.assA).toBeCloseTo(0.5, 12);
    expect(person.hota.hota).toBeCloseTo(Math.sqrt(1 / 6), 12);
  });

  it('detection-averaged: counts summed, scores recomputed; HOTA association weighted by TP', () => {
    const { detAveraged: d } = combineClasses([cup, person]);
    // TP 3, FN 1, FP 1, IDSW 0 → MOTA (3 − 1)/4; IDTP 3, IDFP 1, IDFN 1 → IDF1 3/4.
    expect([d.clear.tp, d.clear.fn, d.clear.fp]).toEqual([3, 1, 1]);
    expect(d.clear.mota).toBeCloseTo(0.5, 12);
    expect(d.clear.motp).toBeCloseTo(1, 12);
    expect(d.identity.idf1).toBeCloseTo(0.75, 12);
    // per α: DetA 3/5; AssA (1·2 + ½·1)/3 = 5/6; HOTA √(3/5 · 5/6) = √½.
    expect(d.hota.detA).toBeCloseTo(0.6, 12);
    expect(d.hota.assA).toBeCloseTo(5 / 6, 12);
    expect(d.hota.hota).toBeCloseTo(Math.SQRT1_2, 12);
    expect(d.hota.locA).toBeCloseTo(1, 12);
  });

  it('class-averaged: plain means over classes, counts still summed', () => {
    const { classAveraged: c } = combineClasses([cup, person]);
    expect(c.clear.mota).toBeCloseTo(0.5, 12);
    expect(c.clear.tp).toBe(3);
    expect(c.identity.idf1).toBeCloseTo(0.75, 12);
    expect(c.hota.detA).toBeCloseTo(2 / 3, 12);
    expect(c.hota.assA).toBeCloseTo(0.75, 12);
    expect(c.hota.hota).toBeCloseTo((1 + Math.sqrt(1 / 6)) / 2, 12);
  });

  it('one class combines to itself both ways; no class to the empty-sequence scores', () => {
    for (const x of Object.values(combineClasses([person]))) {
      expect(x.clear.mota).toBe(person.clear.mota);
      expect(x.identity.idf1).toBeCloseTo(person.identity.idf1, 12);
      expect(x.hota.hota).toBeCloseTo(person.hota.hota, 12);
    }
    const none = combineClasses([]).detAveraged;
    expect([none.clear.mota, none.identity.idf1, none.hota.hota]).toEqual([0, 0, 0]);
  });
});
