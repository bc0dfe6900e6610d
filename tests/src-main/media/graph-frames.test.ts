// Decoding at the graph's sizes (media/graph-frames.ts): ffmpeg's detector image and gray image against what the
// JavaScript path computes from the full RGB frame (resizeRgb, toGray), on real frames of cup.mp4 (640×480 → SSD's
// 300×300, gray 320×240) and vtest.avi (768×576 → 300×300, gray 256×192 at factor 3). Stated tolerances, levels of
// 255: detector RGB mean |Δ| ≤ 3, 99th percentile ≤ 12 (cup; measured 1.4 / 6) and ≤ 30 (vtest; 2.6 / 24): ffmpeg's
// scaler low-pass filters before subsampling, ours takes 2 taps and aliases on fine detail; gray mean |Δ| ≤ 2, p99
// ≤ 5, max ≤ 6 (cup; 1.3 / 2.6 max) and ≤ 16 (vtest): ffmpeg's luma Y vs ours from its RGB, which clips saturated
// colours. Same timestamps; the built worker gives the in-thread decoder's frames bit for bit.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { decodeInThread, decodeInWorker, type DecodedFrame } from '../../../src-main/media/decode';
import { graphFrameFilter, graphFrameLayout, unpackGraphFrame } from '../../../src-main/media/graph-frames';
import { resizeRgb } from '../../../src-main/media/image';
import { toGray } from '../../../src-main/imaging/gray';
import { CUP, VTEST } from './decoder-contract';

const WORKER = join(process.cwd(), 'out/main/decode-worker.js');
const SSD = { width: 300, height: 300 };

async function collect(it: AsyncGenerator<DecodedFrame>): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  for await (const f of it) out.push(f);
  return out;
}

function absDiffs(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  return Array.from({ length: a.length }, (_, i) => Math.abs(a[i] - b[i])).sort((x, y) => x - y);
}
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const p99 = (v: number[]) => v[Math.floor(v.length * 0.99)];

describe('graph-size frames', () => {
  const cases = [
    { clip: CUP, grayW: 320, grayH: 240, tol: { rgbP99: 12, grayMax: 6 } },
    // 768×576 → 300×300 (÷2.56 across): our 2-tap resize aliases on fine detail where ffmpeg's filter does not.
    { clip: VTEST, grayW: 256, grayH: 192, tol: { rgbP99: 30, grayMax: 16 } },
  ];
  for (const { clip, grayW, grayH, tol } of cases) {
    it(`${clip.split('/').pop()}: the detector image and the gray image match the JavaScript path within tolerance`, async () => {
      const full = await collect(decodeInThread(clip, { maxFrames: 12, flowPyramid: { maxSide: 320 } }));
      const sized = await collect(decodeInThread(clip, { maxFrames: 12, graphFrames: { detector: SSD, flowMaxSide: 320 } }));
      expect(sized).toHaveLength(full.length);
      for (const [k, f] of full.entries()) {
        const g = sized[k];
        expect([g.index, g.ptsMs, g.ptsSource]).toEqual([f.index, f.ptsMs, f.ptsSource]);
        expect([g.width, g.height, g.rgb.length]).toEqual([300, 300, 300 * 300 * 3]);
        expect(g.stretchedFrom).toEqual({ width: f.width, height: f.height });
        const rgb = absDiffs(g.rgb, resizeRgb(f.rgb, f.width, f.height, 300, 300));
        expect(mean(rgb)).toBeLessThanOrEqual(3);
        expect(p99(rgb)).toBeLessThanOrEqual(tol.rgbP99);
        const want = toGray(f.rgb, f.width, f.height, 320);
        const got = g.flow!.pyramid.levels[0];
        expect([got.width, got.height, g.flow!.maxSide]).toEqual([grayW, grayH, 320]);
        expect([want.width, want.height]).toEqual([grayW, grayH]);
        const gray = absDiffs(got.data, want.data);
        expect(mean(gray)).toBeLessThanOrEqual(2);
        expect(p99(gray)).toBeLessThanOrEqual(5);
        expect(gray.at(-1)!).toBeLessThanOrEqual(tol.grayMax);
        // the pyramid above is the usual 2×2 halving of that gray image
        expect(g.flow!.pyramid.levels.map((l) => [l.width, l.height])).toEqual(f.flow!.pyramid.levels.map((l) => [l.width, l.height]));
      }
    }, 60_000);
  }

  it('the built decode worker gives the in-thread frames bit for bit', async () => {
    const opts = { maxFrames: 8, graphFrames: { detector: SSD, flowMaxSide: 320 } };
    const a = await collect(decodeInThread(CUP, opts));
    const b = await collect(decodeInWorker(CUP, opts, WORKER));
    expect(b.map((f) => [f.index, f.ptsMs, f.width, f.height, f.stretchedFrom])).toEqual(a.map((f) => [f.index, f.ptsMs, f.width, f.height, f.stretchedFrom]));
    for (const [k, f] of a.entries()) {
      expect(Buffer.from(b[k].rgb).equals(Buffer.from(f.rgb))).toBe(true);
      expect(Array.from(b[k].flow!.pyramid.levels[1].data)).toEqual(Array.from(f.flow!.pyramid.levels[1].data));
    }
  }, 60_000);

  it('layout and unpacking: planes and gray rows land where the filter puts them', () => {
    const l = graphFrameLayout(640, 480, { detector: { width: 4, height: 2 }, flowMaxSide: 320 });
    expect(l).toEqual({ detector: { width: 4, height: 2 }, gray: { width: 320, height: 240 }, width: 320, rows: 3 * 2 + 240 });
    const buf = new Uint8Array(l.width * l.rows);
    // R plane row y, column x = 10y + x; G = +100; B = +200; gray row y, column x = (x + y) % 256
    for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) for (let c = 0; c < 3; c++) buf[(c * 2 + y) * l.width + x] = c * 100 + 10 * y + x;
    for (let y = 0; y < 240; y++) for (let x = 0; x < 320; x++) buf[(6 + y) * l.width + x] = (x + y) % 256;
    const { rgb, gray } = unpackGraphFrame(buf, l);
    expect(Array.from(rgb.subarray(0, 6))).toEqual([0, 100, 200, 1, 101, 201]);
    expect(Array.from(rgb.subarray(3 * 4, 3 * 4 + 3))).toEqual([10, 110, 210]);
    expect(gray.data[5 * 320 + 7]).toBe(12);
    expect(graphFrameFilter(l, 'in', 'out')).toMatch(/^\[in\]split=2.*vstack=inputs=4,format=gray\[out\]$/);
    // a detector wider than the gray image sets the packed width
    expect(graphFrameLayout(640, 480, { detector: { width: 512, height: 512 }, flowMaxSide: 320 }).width).toBe(512);
  });
});
