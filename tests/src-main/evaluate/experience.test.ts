import { describe, it, expect } from 'vitest';
import { flickerPerMin, flickers, jitterRms, labelFlips, timeToFirstBox } from '../../../src-main/evaluate/experience';
import { lagFrames } from '../../../src-main/evaluate/lag';
import { correspond } from '../../../src-main/evaluate/correspond';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import type { Box } from '../../../src-shared/formats/run';

const o = (id: number, box: Box, cls = 'cup'): ObjBox => ({ id, box, score: 0.9, cls });
const seq = (frames: ObjBox[][], fps = 10): Sequence => ({ frames, ptsMs: frames.map((_, i) => (i * 1000) / fps), width: 100, height: 100 });
/** A 0.2-wide box whose left edge is at x. */
const at = (x: number): Box => [x, 0.4, x + 0.2, 0.6];

describe('experience metrics', () => {
  it('counts a gap inside a track as one flicker, per minute of clip', () => {
    // 6 frames at 10 fps = 0.6 s; track 1 shown on 0,1,3,4,5 → one gap.
    const s = seq([[o(1, at(0))], [o(1, at(0))], [], [o(1, at(0))], [o(1, at(0))], [o(1, at(0))]]);
    expect(flickers(s).at).toEqual([{ frame: 2, id: 1 }]);
    expect(flickerPerMin(s)).toBeCloseTo(1 / (0.6 / 60), 9);
  });

  it('jitter is 0 at constant speed and the RMS of centre acceleration over box size otherwise', () => {
    const smooth = seq([0, 0.1, 0.2, 0.3].map((x) => [o(1, at(x))]));
    expect(jitterRms(smooth)).toBeCloseTo(0, 12);
    // Centres 10, 20, 10 px (box 20×20 px): acceleration |10 − 40 + 10| = 20 px → 20/20 = 1.
    const shaky = seq([0, 0.1, 0].map((x) => [o(1, at(x))]));
    expect(jitterRms(shaky)).toBeCloseTo(1, 12);
  });

  it('time to first box: a variant two frames late', () => {
    const xs = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35];
    const ref = seq(xs.map((x) => [o(1, at(x))]));
    // The variant shows the box the reference had two frames earlier, and nothing on the first two frames.
    const variant = seq(xs.map((_, i) => (i < 2 ? [] : [o(7, at(xs[i - 2]))])));
    const corr = correspond(ref, variant);
    // Boxes 0.1 apart (width 0.2) overlap with IoU 0.1/0.3 = 1/3 < 0.5: at IoU 0.5 the variant never matches.
    expect(timeToFirstBox(ref, variant, corr)).toEqual({ meanMs: 0, neverFound: 1 });
    // At constant speed a 2-frame delay is indistinguishable from a constant 0.1 offset, which lagFrames removes
    // (lag.test.ts: a delay on a trajectory that changes direction is found).
    const loose = correspond(ref, variant, 0.3);
    expect(lagFrames(ref, variant, loose)).toBe(0);
    expect(timeToFirstBox(ref, variant, loose).meanMs).toBeCloseTo(200, 9);
  });

  it('counts label changes along a track', () => {
    expect(labelFlips(seq([[o(1, at(0), 'cup')], [o(1, at(0), 'bowl')], [o(1, at(0), 'cup')], [o(2, at(0), 'dog')]]))).toBe(2);
  });
});
