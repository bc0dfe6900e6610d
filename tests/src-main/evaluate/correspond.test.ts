import { describe, it, expect } from 'vitest';
import { correspond, presence } from '../../../src-main/evaluate/correspond';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import type { Box } from '../../../src-shared/formats/run';

const o = (id: number, box: Box, cls = 'cup'): ObjBox => ({ id, box, score: 0.9, cls });
const seq = (frames: ObjBox[][]): Sequence => ({ frames, ptsMs: frames.map((_, i) => i * 40), width: 100, height: 100 });
const A: Box = [0, 0, 0.4, 0.4];
const B: Box = [0.6, 0.6, 1, 1];

describe('correspond', () => {
  it('pairs same-class boxes per frame and maps each reference object to its most frequent variant track', () => {
    const ref = seq([[o(1, A), o(2, B)], [o(1, A), o(2, B)], [o(1, A)]]);
    const variant = seq([[o(7, A), o(8, B, 'bowl')], [o(9, A), o(8, B)], [o(9, A)]]);
    const c = correspond(ref, variant);
    expect(c.pairs.map((m) => [...m.entries()].map(([g, v]) => [g, v.id]))).toEqual([[[1, 7]], [[1, 9], [2, 8]], [[1, 9]]]);
    expect(c.major).toEqual(new Map([[1, 9], [2, 8]]));
  });

  it('presence lists the frames each id is shown on', () => {
    expect(presence(seq([[o(1, A)], [], [o(1, A), o(2, B)]]))).toEqual(new Map([[1, [0, 2]], [2, [2]]]));
  });
});
