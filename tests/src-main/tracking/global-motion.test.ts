// Global camera motion (the motion gate's accelerometer stand-in) on a real frame of cup.mp4: a whole-frame shift is
// recovered as a fraction of the long side; an object moving over less than half of the frame leaves it ~0.
import { beforeAll, describe, expect, it } from 'vitest';
import { sample, toGray, type GrayImage } from '../../../src-main/imaging/gray';
import { buildPyramid } from '../../../src-main/imaging/pyramid';
import { globalMotion } from '../../../src-main/tracking/global-motion';
import { CUP, framesAt } from '../pipeline/fixtures';

/** Content moved by (+dx, +dy) inside the rectangle [x0, x1) × [y0, y1) (default: the whole image). */
function shift(img: GrayImage, dx: number, dy: number, rect = [0, 0, img.width, img.height]): GrayImage {
  const data = Float32Array.from(img.data);
  for (let y = rect[1]; y < rect[3]; y++) for (let x = rect[0]; x < rect[2]; x++) data[y * img.width + x] = sample(img, x - dx, y - dy);
  return { width: img.width, height: img.height, data };
}

let gray: GrayImage;
beforeAll(async () => {
  const [f] = await framesAt(CUP, [60]);
  gray = toGray(f.rgb, f.width, f.height, 320);
});

describe('globalMotion', () => {
  it('a pan of the whole frame: the shift over the long side (320 px)', () => {
    const m = globalMotion(buildPyramid(gray), buildPyramid(shift(gray, 6.4, -3.2)));
    expect(m.ok).toBe(true);
    expect(m.dx).toBeCloseTo(6.4 / 320, 2);
    expect(m.dy).toBeCloseTo(-3.2 / 320, 2);
  });

  it('an object moving over a third of the frame in front of a still camera: ~0', () => {
    const m = globalMotion(buildPyramid(gray), buildPyramid(shift(gray, 8, 5, [100, 60, 210, 180])));
    expect(m.ok).toBe(true);
    expect(Math.hypot(m.dx, m.dy)).toBeLessThan(0.002);
  });
});
