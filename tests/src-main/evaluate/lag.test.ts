// lagFrames: a real delay is found, a systematic box offset or scale (what a quantized detector does) is not lag.
import { describe, expect, it } from 'vitest';
import { correspond } from '../../../src-main/evaluate/correspond';
import { lagFrames, lagResidual } from '../../../src-main/evaluate/lag';
import type { ObjBox, Sequence } from '../../../src-main/evaluate/sequence';
import { iou } from '../../../src-shared/geometry/box';
import type { Box } from '../../../src-shared/formats/run';

const o = (id: number, box: Box): ObjBox => ({ id, box, score: 0.9, cls: 'cup' });
const seq = (boxes: (Box | null)[], id: number): Sequence => ({
  frames: boxes.map((b) => (b ? [o(id, b)] : [])),
  ptsMs: boxes.map((_, i) => i * 100),
  width: 100,
  height: 100,
});
/** A 0.3 × 0.3 box whose centre is at (x, y). */
const box = (x: number, y: number, h = 0.3): Box => [x - 0.15, y - h / 2, x + 0.15, y + h / 2];
/** A cup moving right then back left (0.01 per frame), 30 frames. */
const xs = Array.from({ length: 30 }, (_, i) => 0.3 + 0.01 * (i < 15 ? i : 30 - i));

/** Shift with the best mean IoU (what lag was before offsets were removed), for contrast. */
function iouBestShift(ref: Sequence, variant: Sequence): number {
  let best = -1;
  let bestK = 0;
  for (let k = -10; k <= 10; k++) {
    let s = 0;
    let n = 0;
    ref.frames.forEach((f, i) => {
      const v = variant.frames[i + k]?.[0];
      if (f[0] && v) [s, n] = [s + iou(f[0].box, v.box), n + 1];
    });
    if (n && s / n > best + 1e-9) [best, bestK] = [s / n, k];
  }
  return bestK;
}

describe('lagFrames', () => {
  it('offset and scale but no delay: lag 0 (mean IoU alone would call it a shift)', () => {
    const ref = seq(xs.map((x) => box(x, 0.5)), 1);
    // Every variant box 0.04 to the right, 0.02 higher and 30 % shorter — at the same time as the reference.
    const variant = seq(xs.map((x) => box(x + 0.04, 0.48, 0.21)), 9);
    const corr = correspond(ref, variant, 0.3);
    expect(corr.major.get(1)).toBe(9);
    expect(iouBestShift(ref, variant)).not.toBe(0);
    expect(lagFrames(ref, variant, corr)).toBe(0);
  });

  it('a variant 3 frames late (with an offset too): lag 3; 2 frames early: lag −2', () => {
    const ref = seq(xs.map((x) => box(x, 0.5)), 1);
    const late = seq(xs.map((_, i) => (i < 3 ? null : box(xs[i - 3] + 0.03, 0.5, 0.25))), 4);
    expect(lagFrames(ref, late, correspond(ref, late, 0.3))).toBe(3);
    const early = seq(xs.map((_, i) => (i + 2 < xs.length ? box(xs[i + 2], 0.5) : null)), 4);
    expect(lagFrames(ref, early, correspond(ref, early, 0.3))).toBe(-2);
    // the residual at the true delay is 0 (offset removed), and positive unshifted
    const lateCorr = correspond(ref, late, 0.3);
    expect(lateCorr.major.get(1)).toBe(4);
  });

  it('a static object shows no lag whatever its wobble', () => {
    const ref = seq(Array.from({ length: 12 }, () => box(0.4, 0.5)), 1);
    const variant = seq(Array.from({ length: 12 }, (_, i) => box(0.4 + ((i * 7) % 5) * 0.002, 0.5)), 4);
    expect(lagFrames(ref, variant, correspond(ref, variant))).toBe(0);
  });

  it('residual: 0 for a pure offset at k = 0, the motion variance at a wrong shift (hand-computed)', () => {
    // Centres 0.3, 0.4, 0.5 (box size 30 px = 0.3 · 100); variant offset +0.1: differences 0 after the offset.
    const ref = seq([box(0.3, 0.5), box(0.4, 0.5), box(0.5, 0.5)], 1);
    const variant = seq([box(0.4, 0.5), box(0.5, 0.5), box(0.6, 0.5)], 2);
    const ts = [{ ref: new Map([[0, [30, 50]], [1, [40, 50]], [2, [50, 50]]] as [number, [number, number]][]), var: new Map([[0, [40, 50]], [1, [50, 50]], [2, [60, 50]]] as [number, [number, number]][]), size: 30 }];
    expect(lagResidual(ts, 0)).toEqual({ residual: 0, pairs: 3 });
    // k = 1: pairs (ref 0, var 1) and (ref 1, var 2): differences 20/30 both → offset removed → 0 as well;
    // constant speed makes a delay and an offset indistinguishable, so k = 0 is kept (no gain).
    expect(lagResidual(ts, 1).residual).toBeCloseTo(0, 12);
    expect(lagFrames(ref, variant, correspond(ref, variant, 0.3))).toBe(0);
  });
});
