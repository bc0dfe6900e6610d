// toGray: the unrolled factor-2 path and the general path agree with a direct per-pixel computation.
import { describe, expect, it } from 'vitest';
import { grayFactor, sample, toGray } from '../../../src-main/imaging/gray';

function rgbImage(w: number, h: number): Uint8Array {
  return Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 37 + ((i / 7) | 0)) % 256);
}

function direct(rgb: Uint8Array, w: number, f: number, x: number, y: number): number {
  let acc = 0;
  for (let j = 0; j < f; j++) for (let i = 0; i < f; i++) {
    const s = ((y * f + j) * w + x * f + i) * 3;
    acc += (77 * rgb[s] + 150 * rgb[s + 1] + 29 * rgb[s + 2]) / 256;
  }
  return acc / (f * f);
}

describe('toGray', () => {
  for (const [w, h, max, f] of [[64, 48, 32, 2], [90, 60, 30, 3], [40, 30, 40, 1]] as const) {
    it(`${w}×${h} to long side ≤ ${max}: factor ${f}, box-averaged BT.601 luma`, () => {
      expect(grayFactor(w, h, max)).toBe(f);
      const rgb = rgbImage(w, h);
      const g = toGray(rgb, w, h, max);
      expect([g.width, g.height]).toEqual([Math.floor(w / f), Math.floor(h / f)]);
      for (const [x, y] of [[0, 0], [g.width - 1, g.height - 1], [5, 7]]) expect(g.data[y * g.width + x]).toBeCloseTo(direct(rgb, w, f, x, y), 3);
    });
  }

  it('sample is bilinear inside and clamps outside', () => {
    const img = { width: 2, height: 2, data: Float32Array.from([0, 10, 20, 30]) };
    expect(sample(img, 0.5, 0.5)).toBeCloseTo(15);
    expect(sample(img, -3, 0)).toBe(0);
    expect(sample(img, 5, 5)).toBe(30);
    expect(() => toGray(new Uint8Array(5), 2, 2)).toThrow(/not 2x2x3/);
  });
});
