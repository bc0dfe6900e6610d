// cropRgb: pixel-exact crops of a real frame, margin and clamping at the frame edge.
import { describe, expect, it } from 'vitest';
import { cropRgb } from '../../../src-main/embedding/crop';
import { CUP, framesAt } from '../pipeline/fixtures';

describe('cropRgb', () => {
  it('crops the box grown by the margin, with the same pixels as the frame', async () => {
    const [f] = await framesAt(CUP, [10]);
    const c = cropRgb(f, [0.25, 0.25, 0.5, 0.75], 0.1)!;
    // box 160×240 px at (160,120); margin 16 / 24 px per side
    expect([c.x, c.y, c.width, c.height]).toEqual([144, 96, 192, 288]);
    for (const [x, y] of [[0, 0], [191, 287], [50, 100]]) {
      for (let k = 0; k < 3; k++) expect(c.rgb[(y * c.width + x) * 3 + k]).toBe(f.rgb[((c.y + y) * f.width + c.x + x) * 3 + k]);
    }
  });

  it('clamps to the frame and refuses a degenerate box', async () => {
    const [f] = await framesAt(CUP, [0]);
    const c = cropRgb(f, [0.9, 0.9, 1, 1], 0.5)!;
    expect(c.x + c.width).toBe(f.width);
    expect(c.y + c.height).toBe(f.height);
    expect(cropRgb(f, [0.5, 0.5, 0.5, 0.6], 0)).toBeNull();
  });
});
