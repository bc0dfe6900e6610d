// ResizeBilinear / ResizeNearestNeighbor in all three coordinate conventions (align_corners, half_pixel_centers,
// neither), downscaling to an odd size and upscaling: ONNX Resize must reproduce TF.js exactly (to float rounding).
import { describe, expect, it } from 'vitest';
import { bool, I, TinyGraph, roundTrip } from '../tiny-graph';

describe('tfjs-to-onnx resize ops', () => {
  it('bilinear and nearest, align_corners / half_pixel_centers / neither, down and up', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const down = g.const('down', [9, 13], [2], 'int32');
    const up = g.const('up', [31, 40], [2], 'int32');
    const modes = { ac: [true, false], hp: [false, true], asym: [false, false] } as const;
    for (const [tag, [ac, hp]] of Object.entries(modes)) {
      for (const [op, short] of [['ResizeBilinear', 'bl'], ['ResizeNearestNeighbor', 'nn']] as const) {
        for (const [size, sTag] of [[down, 'down'], [up, 'up']] as const) {
          g.op(`${short}_${tag}_${sTag}`, op, ['x', size], { align_corners: bool(ac), half_pixel_centers: bool(hp), Tidx: I });
        }
      }
    }
    const r = await roundTrip(g);
    expect(Object.keys(r.diff)).toHaveLength(12);
    expect(r.tf.bl_ac_up.shape).toEqual([1, 31, 40, 3]);
    for (const [k, d] of Object.entries(r.diff)) expect(d, k).toBeLessThan(1e-5);
    // The modes really differ (a wrong mapping to a single ONNX mode could not pass all of them).
    const a = r.tf.bl_ac_down.data;
    const b = r.tf.bl_asym_down.data;
    expect(a.some((v, i) => Math.abs(v - b[i]) > 1e-3)).toBe(true);
  });
});
