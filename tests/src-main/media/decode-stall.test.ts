// The decoder's stall watchdog (decode-in-thread.ts): ffmpeg silent on both pipes while the decoder waits on it
// is killed and the decode fails with BAD_INPUT naming the clip; time the consumer spends holding a frame is not
// a stall. A real ffmpeg for the second case; for the first, a stand-in "ffmpeg" (EDGELAB_FFMPEG) that never writes.
import { afterEach, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeInThread } from '../../../src-main/media/decode-in-thread';
import { probeClip } from '../../../src-main/media/ffmpeg';
import { EdgeLabError } from '../../../src-shared/protocol';

const CUP = join(process.cwd(), 'samples/cup.mp4');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterEach(() => {
  delete process.env.EDGELAB_FFMPEG;
});

describe('decode stall watchdog', () => {
  it('an ffmpeg that writes nothing is killed after stallMs: BAD_INPUT naming the clip, no child left', async () => {
    const probe = await probeClip(CUP);
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-stall-'));
    const fake = join(dir, 'ffmpeg');
    await fs.writeFile(fake, '#!/bin/sh\ncase "$*" in *-version*) echo "ffmpeg version stand-in";; *) exec sleep 120;; esac\n', { mode: 0o755 });
    process.env.EDGELAB_FFMPEG = fake;
    let pid = 0;
    const t0 = performance.now();
    let err: unknown;
    try {
      for await (const _ of decodeInThread(CUP, { probe, stallMs: 300, onSpawn: (p) => (pid = p) })) void _;
    } catch (e) {
      err = e;
    }
    const ms = performance.now() - t0;
    await fs.rm(dir, { recursive: true, force: true });
    expect(err).toBeInstanceOf(EdgeLabError);
    expect((err as EdgeLabError).code).toBe('BAD_INPUT');
    expect((err as EdgeLabError).message).toMatch(/ffmpeg wrote nothing for 0 s after frame 0 and was stopped/);
    expect((err as EdgeLabError).message).toContain('cup.mp4');
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });

  it('a consumer holding each frame longer than stallMs is not a stall', async () => {
    const frames: number[] = [];
    for await (const f of decodeInThread(CUP, { maxFrames: 3, stallMs: 150 })) {
      frames.push(f.index);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(frames).toEqual([0, 1, 2]);
  });
});
