import { describe, it, expect } from 'vitest';
import { trackSteps, trackingScores } from '../../../src-main/evaluate/tracking';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import type { Box } from '../../../src-shared/formats/run';

const o = (id: number, box: Box, cls = 'cup', score = 0.9): ObjBox => ({ id, box, score, cls });
const seq = (frames: ObjBox[][]): Sequence => ({ frames, ptsMs: frames.map((_, i) => i * 40), width: 100, height: 100 });
const A: Box = [0, 0, 0.5, 0.5];

describe('tracking family', () => {
  it('similarity is 0 across classes, so a relabelled box is a miss and a false positive', () => {
    const ref = seq([[o(1, A)], [o(1, A)]]);
    const variant = seq([[o(3, A)], [o(3, A, 'bowl')]]);
    const t = trackingScores(trackSteps(ref, variant));
    expect(t.mota).toBeCloseTo((1 - 1) / 2, 12);
    expect(t.idSwitches).toBe(0);
    expect(t.idf1).toBeCloseTo(1 / (1 + 0.5 + 0.5), 12);
  });
});
