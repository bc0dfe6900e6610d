// decodeFrames' choice of thread: from TypeScript sources there is no built worker beside the module, so it decodes
// on this thread (the fallback); an explicit worker file or EDGELAB_DECODE selects the worker; the fallback keeps the
// whole contract (frames, pts, own buffers). The worker path itself is tested in decode-client.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtDecodeWorker, decodeFrames, decodeThreadFor } from '../../../src-main/media/decode';
import { EdgeLabError } from '../../../src-shared/protocol';

const CUP = join(process.cwd(), 'samples/cup.mp4');
const BUILT = join(process.cwd(), 'out/main/decode-worker.js');

afterEach(() => {
  delete process.env.EDGELAB_DECODE;
});

describe('decodeThreadFor', () => {
  it('from sources finds no worker beside the module and falls back to this thread', () => {
    expect(builtDecodeWorker()).toBeNull();
    expect(decodeThreadFor()).toEqual({ thread: 'main' });
    expect(decodeThreadFor({ thread: 'auto' })).toEqual({ thread: 'main' });
  });

  it("an explicit worker file selects the worker; thread 'main' or EDGELAB_DECODE=main keep this thread", () => {
    expect(decodeThreadFor({ workerFile: BUILT })).toEqual({ thread: 'worker', workerFile: BUILT });
    expect(decodeThreadFor({ workerFile: BUILT, thread: 'main' })).toEqual({ thread: 'main' });
    process.env.EDGELAB_DECODE = 'main';
    expect(decodeThreadFor({ workerFile: BUILT })).toEqual({ thread: 'main' });
  });

  it("asking for the worker with none built is UNSUPPORTED, in words", () => {
    let err: unknown;
    try {
      decodeThreadFor({ thread: 'worker' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EdgeLabError);
    expect((err as EdgeLabError).code).toBe('UNSUPPORTED');
    expect((err as EdgeLabError).message).toMatch(/decode-worker\.js not built/);
  });
});

describe('decodeFrames fallback (this thread)', () => {
  it('decodes cup.mp4 with increasing showinfo pts, each frame in its own exactly-sized buffer', async () => {
    const frames = [];
    for await (const f of decodeFrames(CUP, { maxFrames: 8 })) frames.push(f);
    expect(frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const f of frames) {
      expect(f.ptsSource).toBe('showinfo');
      expect(f.rgb.byteOffset).toBe(0);
      expect(f.rgb.buffer.byteLength).toBe(640 * 480 * 3);
    }
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i].ptsMs).toBeGreaterThan(frames[i - 1].ptsMs);
      expect(frames[i].rgb.buffer).not.toBe(frames[i - 1].rgb.buffer);
    }
  });

  it('builds the flow pyramid on this thread when asked, as the tracker would', async () => {
    const { toGray } = await import('../../../src-main/imaging/gray');
    const { buildPyramid } = await import('../../../src-main/imaging/pyramid');
    for await (const f of decodeFrames(CUP, { maxFrames: 2, flowPyramid: { maxSide: 200 } })) {
      // integer factor ceil(640 / 200) = 4
      const want = buildPyramid(toGray(f.rgb, f.width, f.height, 200));
      expect(f.flow?.maxSide).toBe(200);
      expect(f.flow!.pyramid.levels.map((l) => [l.width, l.height])).toEqual([[160, 120], [80, 60], [40, 30]]);
      f.flow!.pyramid.levels.forEach((l, i) => expect(Array.from(l.data)).toEqual(Array.from(want.levels[i].data)));
    }
  });

  it('the built worker exists for the worker tests (npm run build)', () => {
    expect(existsSync(BUILT)).toBe(true);
  });
});
