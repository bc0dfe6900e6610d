import { describe, it, expect } from 'vitest';
import { compareEvents } from '../../../src-main/evaluate/events';
import { correspond } from '../../../src-main/evaluate/correspond';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import type { Box } from '../../../src-shared/formats/run';

const o = (id: number, box: Box): ObjBox => ({ id, box, score: 0.9, cls: 'person' });
const seq = (frames: ObjBox[][]): Sequence => ({ frames, ptsMs: frames.map((_, i) => i * 100), width: 100, height: 100 });
const A: Box = [0, 0, 0.2, 0.2];
const drifted: Box = [0.1, 0, 0.3, 0.2]; // IoU with A = 1/3

describe('compareEvents', () => {
  it('lists a miss, a drift, a flicker and an id switch at their frames', () => {
    const ref = seq([[o(1, A)], [o(1, A)], [o(1, A)], [o(1, A)], [o(1, A)]]);
    const variant = seq([[o(5, A)], [], [o(5, drifted)], [o(5, A)], [o(6, A)]]);
    const ev = compareEvents(ref, variant, correspond(ref, variant));
    expect(ev.map((e) => [e.frame, e.kind])).toEqual([
      [1, 'flicker'],
      [1, 'missed'],
      [2, 'drift'],
      [4, 'id-switch'],
    ]);
    expect(ev.find((e) => e.kind === 'id-switch')).toMatchObject({ objectId: 1, trackId: 6, timeMs: 400 });
  });

  it('lists a ghost box once at the start of its stretch', () => {
    const ref = seq([[o(1, A)], [o(1, A)], [o(1, A)]]);
    const far: Box = [0.7, 0.7, 0.9, 0.9];
    const variant = seq([[o(5, A)], [o(5, A), o(6, far)], [o(5, A), o(6, far)]]);
    const ev = compareEvents(ref, variant, correspond(ref, variant));
    expect(ev).toEqual([{ frame: 1, timeMs: 100, kind: 'extra', objectId: null, trackId: 6, detail: 'person boxed where the reference has none' }]);
  });

  it('is empty for identical sequences', () => {
    const s = seq([[o(1, A)], [o(1, A)]]);
    expect(compareEvents(s, s, correspond(s, s))).toEqual([]);
  });
});
