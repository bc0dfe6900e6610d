// The decode worker against the BUILT output (out/main/decode-worker.js, made by `npm run build`): same frames and
// timestamps as the in-thread decoder, frames moved by transfer, decoding continues while this thread is blocked
// (as during tfjs-wasm or onnxruntime inference) but never more than `bufferFrames` ahead (ffmpeg is held back),
// early stop / cancel kill ffmpeg, thumbnails complete, bad clips → BAD_INPUT naming the file.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeInThread, decodeInWorker } from '../../../src-main/media/decode';
import type { DecodedFrame } from '../../../src-main/media/decode';
import { toGray } from '../../../src-main/imaging/gray';
import { buildPyramid } from '../../../src-main/imaging/pyramid';
import { EdgeLabError } from '../../../src-shared/protocol';
import { CUP, VTEST, decoderContract } from './decoder-contract';

const WORKER = join(process.cwd(), 'out/main/decode-worker.js');

/** Blocks this thread (no event loop turn), like a synchronous inference call. */
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} missing: run npm run build before these tests`);
});

describe('decodeInWorker (built worker)', () => {
  it('gives the same frames, pixels and pts as the in-thread decoder (vtest.avi, scaled)', async () => {
    const a: DecodedFrame[] = [];
    const b: DecodedFrame[] = [];
    for await (const f of decodeInThread(VTEST, { maxFrames: 12, width: 384 })) a.push(f);
    for await (const f of decodeInWorker(VTEST, { maxFrames: 12, width: 384 }, WORKER)) b.push(f);
    expect(b).toHaveLength(12);
    for (let i = 0; i < 12; i++) {
      expect([b[i].index, b[i].width, b[i].height, b[i].ptsSource]).toEqual([i, 384, 288, 'showinfo']);
      expect(b[i].ptsMs).toBe(a[i].ptsMs);
      expect(Buffer.compare(Buffer.from(b[i].rgb), Buffer.from(a[i].rgb))).toBe(0);
      // transferred whole: the frame owns an exactly-sized buffer
      expect(b[i].rgb.byteOffset).toBe(0);
      expect(b[i].rgb.buffer.byteLength).toBe(384 * 288 * 3);
    }
    expect(b[1].ptsMs).toBe(100);
  });

  it("builds each frame's flow pyramid in the worker, equal to the tracker's own (levels transferred whole)", async () => {
    const frames: DecodedFrame[] = [];
    for await (const f of decodeInWorker(CUP, { maxFrames: 3, flowPyramid: { maxSide: 320 } }, WORKER)) frames.push(f);
    expect(frames).toHaveLength(3);
    for (const f of frames) {
      const want = buildPyramid(toGray(f.rgb, f.width, f.height, 320));
      expect(f.flow?.maxSide).toBe(320);
      const got = f.flow!.pyramid.levels;
      expect(got.map((l) => [l.width, l.height])).toEqual([[320, 240], [160, 120], [80, 60]]);
      expect(got.map((l) => [l.width, l.height])).toEqual(want.levels.map((l) => [l.width, l.height]));
      for (let i = 0; i < got.length; i++) {
        expect(got[i].data).toBeInstanceOf(Float32Array);
        expect(got[i].data.buffer.byteLength).toBe(got[i].width * got[i].height * 4);
        expect(Buffer.compare(Buffer.from(got[i].data.buffer), Buffer.from(want.levels[i].data.buffer))).toBe(0);
      }
    }
    // without the option no pyramid is built
    for await (const f of decodeInWorker(CUP, { maxFrames: 1 }, WORKER)) expect(f.flow).toBeUndefined();
  });

  it('keeps decoding while this thread is blocked, up to bufferFrames ahead and no further', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-dw-'));
    const cap = 3;
    try {
      const it = decodeInWorker(CUP, { bufferFrames: cap, thumbnails: { dir, width: 80, height: 60 } }, WORKER);
      expect((await it.next()).value?.index).toBe(0);
      blockFor(600); // the worker fills the buffer meanwhile
      const waits: number[] = [];
      for (let k = 1; k <= cap; k++) {
        const t0 = performance.now();
        const r = await it.next();
        waits.push(performance.now() - t0);
        expect(r.value?.index).toBe(k);
      }
      // the frames decoded during the block were ready at once (in-thread they would still be in ffmpeg)
      for (const w of waits) expect(w).toBeLessThan(30);
      // back-pressure: with the consumer idle for a while, ffmpeg is held back a few frames ahead, not at the end
      await new Promise((r) => setTimeout(r, 800));
      const ahead = readdirSync(dir).length;
      expect(ahead).toBeGreaterThan(cap);
      expect(ahead).toBeLessThan(1 + cap + 12);
      let n = cap + 1;
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        expect(r.value.index).toBe(n++);
      }
      expect(n).toBeGreaterThanOrEqual(216);
      // the iterator finished only after ffmpeg exited: one thumbnail per frame
      expect(readdirSync(dir).length).toBe(n);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  decoderContract((file, opts) => decodeInWorker(file, opts, WORKER));

  it('a worker file that is not the decode worker fails in words, no frames', async () => {
    const err = await (async () => {
      for await (const _ of decodeInWorker(CUP, { maxFrames: 2 }, join(process.cwd(), 'out/main/no-such-worker.js'))) void _;
    })().catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/decode worker .*no-such-worker\.js/);
  });
});
