import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { encodeJpeg, fitLongSide, resizeRgb } from '../../../src-main/media/image';

function gradient(w: number, h: number): Uint8Array {
  const a = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      a[o] = Math.round((x / (w - 1)) * 255);
      a[o + 1] = Math.round((y / (h - 1)) * 255);
      a[o + 2] = 128;
    }
  return a;
}

describe('resizeRgb', () => {
  it('keeps a constant image constant and a gradient monotone', () => {
    const flat = new Uint8Array(40 * 30 * 3).fill(77);
    expect(resizeRgb(flat, 40, 30, 17, 11).every((v) => v === 77)).toBe(true);
    const g = resizeRgb(gradient(64, 48), 64, 48, 20, 10);
    expect(g.length).toBe(20 * 10 * 3);
    for (let x = 1; x < 20; x++) expect(g[x * 3]).toBeGreaterThanOrEqual(g[(x - 1) * 3]);
    for (let y = 1; y < 10; y++) expect(g[(y * 20) * 3 + 1]).toBeGreaterThan(g[((y - 1) * 20) * 3 + 1]);
  });
  it('upsamples 2×2 by interpolating between the pixels', () => {
    const src = new Uint8Array([0, 0, 0, 200, 200, 200, 0, 0, 0, 200, 200, 200]);
    const d = resizeRgb(src, 2, 2, 4, 2);
    expect([d[0], d[3], d[6], d[9]]).toEqual([0, 50, 150, 200]);
  });
  it('rejects a buffer of the wrong size', () => {
    expect(() => resizeRgb(new Uint8Array(10), 2, 2, 1, 1)).toThrow(/not 2x2x3/);
  });
});

describe('encodeJpeg / fitLongSide', () => {
  it('writes a JPEG that decodes back to the same size and roughly the same pixels', () => {
    const img = gradient(64, 32);
    const bytes = encodeJpeg(img, 64, 32, 90);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    const back = jpeg.decode(bytes, { useTArray: true });
    expect([back.width, back.height]).toEqual([64, 32]);
    const o = (16 * 64 + 40) * 3;
    expect(Math.abs(back.data[(16 * 64 + 40) * 4] - img[o])).toBeLessThan(12);
  });
  it('fits the long side', () => {
    expect(fitLongSide(640, 480, 320)).toEqual({ width: 320, height: 240 });
    expect(fitLongSide(480, 640, 160)).toEqual({ width: 120, height: 160 });
  });
});

describe('resizeRgb on a real frame', () => {
  /** The textbook per-pixel bilinear (pixel-centre aligned, weight of the right/bottom neighbour as float32). */
  function reference(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array {
    const dst = new Uint8Array(dw * dh * 3);
    for (let y = 0; y < dh; y++) {
      const sy = Math.min(sh - 1, Math.max(0, (y + 0.5) * (sh / dh) - 0.5));
      const j = Math.floor(sy);
      const ay = sy - j;
      const j1 = Math.min(sh - 1, j + 1);
      for (let x = 0; x < dw; x++) {
        const sx = Math.min(sw - 1, Math.max(0, (x + 0.5) * (sw / dw) - 0.5));
        const i = Math.floor(sx);
        const a = Math.fround(sx - i);
        const i1 = Math.min(sw - 1, i + 1);
        for (let c = 0; c < 3; c++) {
          const top = src[(j * sw + i) * 3 + c] * (1 - a) + src[(j * sw + i1) * 3 + c] * a;
          const bot = src[(j1 * sw + i) * 3 + c] * (1 - a) + src[(j1 * sw + i1) * 3 + c] * a;
          dst[(y * dw + x) * 3 + c] = top * (1 - ay) + bot * ay + 0.5;
        }
      }
    }
    return dst;
  }

  it('equals the per-pixel reference byte for byte (cup.mp4 frame 40 → 300×300, 512×384, 1000×700)', async () => {
    const { decodeFrames } = await import('../../../src-main/media/decode');
    const { join } = await import('node:path');
    let frame: Uint8Array | null = null;
    for await (const f of decodeFrames(join(process.cwd(), 'samples/cup.mp4'), { maxFrames: 41 })) frame = f.rgb;
    for (const [dw, dh] of [[300, 300], [512, 384], [1000, 700]]) {
      const got = resizeRgb(frame!, 640, 480, dw, dh);
      const want = reference(frame!, 640, 480, dw, dh);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(want))).toBe(0);
    }
  });
});
