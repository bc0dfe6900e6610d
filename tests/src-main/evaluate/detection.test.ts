import { describe, it, expect } from 'vitest';
import { detectionScores } from '../../../src-main/evaluate/detection';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import type { Box } from '../../../src-shared/formats/run';

const o = (id: number, box: Box, cls = 'cup', score = 0.9): ObjBox => ({ id, box, score, cls });
const seq = (frames: ObjBox[][]): Sequence => ({ frames, ptsMs: frames.map((_, i) => i * 40), width: 100, height: 100 });
const A: Box = [0, 0, 0.5, 0.5];
const B: Box = [0.5, 0.5, 1, 1];

describe('detection family', () => {
  it('identical sequences score 1 everywhere', () => {
    const s = seq([[o(1, A), o(2, B, 'person')], [o(1, A)]]);
    const r = detectionScores(s, s);
    expect([r.map50, r.map, r.precision, r.recall]).toEqual([1, 1, 1, 1]);
  });

  it('a missed box and a wrong-class box lower recall and precision (hand-computed)', () => {
    const ref = seq([[o(1, A), o(2, B)]]);
    const variant = seq([[o(1, A), o(2, B, 'bowl')]]);
    const r = detectionScores(ref, variant);
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(0.5);
    // cup: 2 gt, 1 tp at the top score → precision 1 up to recall 0.5 (51 of 101 points).
    expect(r.map50).toBeCloseTo(51 / 101, 12);
  });
});
