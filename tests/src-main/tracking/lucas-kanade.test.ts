// Pyramidal LK and box propagation on a real frame of cup.mp4 shifted by a known sub-pixel amount.
import { beforeAll, describe, expect, it } from 'vitest';
import { sample, toGray, type GrayImage } from '../../../src-main/imaging/gray';
import { buildPyramid } from '../../../src-main/imaging/pyramid';
import { trackPoints } from '../../../src-main/tracking/lucas-kanade';
import { propagateBox } from '../../../src-main/tracking/propagate';
import { CUP, framesAt } from '../pipeline/fixtures';

/** out(x, y) = img(x − dx, y − dy): the content moves by (+dx, +dy); optional zoom s about (cx, cy). */
function warp(img: GrayImage, dx: number, dy: number, s = 1, cx = 0, cy = 0): GrayImage {
  const data = new Float32Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) data[y * img.width + x] = sample(img, (x - dx - cx) / s + cx, (y - dy - cy) / s + cy);
  }
  return { width: img.width, height: img.height, data };
}

let gray: GrayImage;
beforeAll(async () => {
  const [f] = await framesAt(CUP, [60]);
  gray = toGray(f.rgb, f.width, f.height, 320);
});

describe('toGray', () => {
  it('downscales 640×480 by 2 to 320×240 with values in 0..255', () => {
    expect([gray.width, gray.height]).toEqual([320, 240]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of gray.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(255);
    expect(hi - lo).toBeGreaterThan(50); // a real, textured frame
  });
});

describe('trackPoints (pyramidal Lucas–Kanade)', () => {
  for (const [dx, dy] of [[3.3, -2.6], [-7.4, 5.2], [12.5, 0.75]] as const) {
    it(`recovers a (${dx}, ${dy}) px shift of a real frame within 0.5 px (median over textured points)`, () => {
      const next = warp(gray, dx, dy);
      const p0 = buildPyramid(gray);
      const p1 = buildPyramid(next);
      expect(p0.levels.length).toBe(3);
      const pts: number[] = [];
      for (let y = 40; y <= 200; y += 20) for (let x = 40; x <= 280; x += 20) pts.push(x, y);
      const r = trackPoints(p0, p1, Float32Array.from(pts));
      const ex: number[] = [];
      const ey: number[] = [];
      for (let k = 0; k < pts.length / 2; k++) {
        if (!r.status[k]) continue;
        ex.push(r.points[2 * k] - pts[2 * k] - dx);
        ey.push(r.points[2 * k + 1] - pts[2 * k + 1] - dy);
      }
      expect(ex.length).toBeGreaterThan(pts.length / 4);
      const med = (v: number[]) => v.slice().sort((a, b) => a - b)[v.length >> 1];
      expect(Math.abs(med(ex))).toBeLessThan(0.5);
      expect(Math.abs(med(ey))).toBeLessThan(0.5);
    });
  }

  it('marks an untextured point as not tracked', () => {
    const flat: GrayImage = { width: 64, height: 64, data: new Float32Array(64 * 64).fill(100) };
    const p = buildPyramid(flat);
    expect(trackPoints(p, p, Float32Array.from([32, 32])).status[0]).toBe(0);
  });
});

describe('propagateBox', () => {
  it('moves a box with the content (shift) and scales it (zoom), within a pixel', () => {
    const box: [number, number, number, number] = [0.3, 0.3, 0.6, 0.7];
    const p0 = buildPyramid(gray);
    const shifted = propagateBox(box, p0, buildPyramid(warp(gray, 4.5, -3)));
    expect(shifted.ok).toBe(true);
    const W = gray.width;
    const H = gray.height;
    expect(Math.abs(shifted.box[0] * W - (box[0] * W + 4.5))).toBeLessThan(1);
    expect(Math.abs(shifted.box[1] * H - (box[1] * H - 3))).toBeLessThan(1);
    expect(Math.abs(shifted.box[2] * W - (box[2] * W + 4.5))).toBeLessThan(1);
    expect(Math.abs(shifted.box[3] * H - (box[3] * H - 3))).toBeLessThan(1);
    // Zoom 1.1 about the box centre: the box grows by 10 % around the same centre.
    const cx = ((box[0] + box[2]) / 2) * W;
    const cy = ((box[1] + box[3]) / 2) * H;
    const zoomed = propagateBox(box, p0, buildPyramid(warp(gray, 0, 0, 1.1, cx, cy)));
    expect(zoomed.ok).toBe(true);
    expect(zoomed.scale).toBeGreaterThan(1.07);
    expect(zoomed.scale).toBeLessThan(1.13);
    expect(Math.abs(((zoomed.box[2] - zoomed.box[0]) * W) / ((box[2] - box[0]) * W) - 1.1)).toBeLessThan(0.03);
  });
});
