import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { againstLabels } from '../../../src-main/evaluate/against-labels';
import { readLabels } from '../../../src-main/evaluate/ground-truth';
import { classTracking } from '../../../src-main/evaluate/tracking';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import type { Box } from '../../../src-shared/formats/run';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'gt');
const grid: Sequence = { frames: Array.from({ length: 5 }, () => []), ptsMs: [0, 40, 80, 120, 160], width: 100, height: 100 };
const o = (id: number, box: Box, cls = 'person'): ObjBox => ({ id, box, score: 0.9, cls });
const run = (frames: ObjBox[][]): Sequence => ({ ...grid, frames, ptsMs: grid.ptsMs.slice(0, frames.length) });

// Boxes of distractors.gt.txt (100×100 px grid), normalised.
const PED: Box = [0.1, 0.1, 0.3, 0.5];
const ZERO: Box = [0.6, 0.1, 0.8, 0.5]; // pedestrian with conf 0.5 (not scored)
const ON_VEHICLE: Box = [0.1, 0.6, 0.3, 0.9]; // class 2, distractor
const CAR: Box = [0.6, 0.6, 0.9, 0.8];
const PED2: Box = [0.12, 0.1, 0.32, 0.5];
const STATIC: Box = [0.5, 0.5, 0.6, 0.6]; // class 7, distractor

describe('a run scored against MOTChallenge labels', () => {
  const variant = run([
    [o(1, PED), o(2, ZERO), o(3, ON_VEHICLE), o(4, CAR, 'car'), o(5, ON_VEHICLE, 'car')],
    [o(1, PED2), o(6, STATIC), o(7, [0.5, 0.5, 0.54, 0.6])],
  ]);

  it('removes predictions on distractors (per prediction class) instead of counting them as false positives', async () => {
    const l = await readLabels(join(FIX, 'distractors.gt.txt'), grid);
    const v = againstLabels(l.seq, variant, l.predictions);
    // Frame 1: the person on ON_VEHICLE goes, and so does the car box there (each class matched on its own);
    // the person on the zero-marked row stays (TrackEval removes matches to distractor classes only).
    // Frame 2: the person on STATIC goes; a box of IoU 0.4 with it stays.
    expect(v.frames.map((f) => f.map((b) => b.id))).toEqual([[1, 2, 4], [1, 7]]);
    // person: gt 1 on both frames, TP 2, FP 2 (zero-marked row, IoU-0.4 box) → MOTA (2 − 2)/2 = 0 (hand-derived,
    // TrackEval's (TP − FP − IDSW)/max(1, TP + FN)); without the removal the two distractor hits would add 2 FP: −1.
    const t = classTracking(l.seq, v);
    const by = Object.fromEntries(t.perClass.map((c) => [c.cls, c]));
    expect(by.person.mota).toBe(0);
    expect(by.car.mota).toBe(1);
    expect(classTracking(l.seq, variant).perClass.find((c) => c.cls === 'person')!.mota).toBe(-1);
  });

  it('pedestrian preset: only "person" predictions are scored (cars neither hit nor false positives)', async () => {
    const l = await readLabels(join(FIX, 'distractors.gt.txt'), grid, { motClasses: 'pedestrian' });
    const v = againstLabels(l.seq, variant, l.predictions);
    expect(v.frames.map((f) => f.map((b) => b.id))).toEqual([[1, 2], [1, 7]]);
    const t = classTracking(l.seq, v);
    expect(t.perClass.map((c) => c.cls)).toEqual(['person']);
    // Reference: TrackEval (JonathonLuiten/TrackEval master, MotChallenge2DBox, BENCHMARK MOT17, seqLength 2) on this
    // gt.txt and the person boxes above as the tracker file: MOTA 0.0 (TP 2, FP 2, FN 0), IDF1 0.6666666666666666,
    // HOTA 0.7071067811865476, DetA 0.5, AssA 1.0 (/tmp script, not in the repo).
    expect(t.mota).toBe(0);
    expect(t.idf1).toBe(0.6666666666666666);
    expect(t.hota).toBeCloseTo(0.7071067811865476, 15);
    expect(t.detA).toBeCloseTo(0.5, 15);
    expect(t.assA).toBeCloseTo(1, 15);
  });
});
