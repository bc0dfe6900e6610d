// The decoder's stall watchdog (decode-in-thread.ts): ffmpeg silent on both pipes while the decoder waits on it
// is killed and the decode fails with BAD_INPUT naming the clip; time the consumer spends holding a frame is not
// a stall. A real ffmpeg for the second case; for the first, a stand-in "ffmpeg" (EDGELAB_FFMPEG) that never writes.
// And a child that ends at once while the decoder still waits on a file-system thread (its clip's close()) is heard:
// the decode fails with BAD_INPUT instead of waiting forever (the bad-corpus replays hung intermittently that way).
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
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

describe('a child that ends before the decoder waits on it', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('is heard while every file-system thread is busy: BAD_INPUT naming the clip, no hang', async () => {
    const probe = await probeClip(CUP); // with the real ffmpeg, before the stand-in is installed
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-early-exit-'));
    const fake = join(dir, 'ffmpeg');
    await fs.writeFile(fake, '#!/bin/sh\ncase "$*" in *-version*) echo "ffmpeg version stand-in";; *) echo "stand-in: cannot decode" >&2; exit 1;; esac\n', { mode: 0o755 });
    process.env.EDGELAB_FFMPEG = fake;
    // libuv's file-system threads are held by FIFO opens (open(2) on a FIFO blocks until a writer appears); a
    // writer process lets one through. So the decoder's fs calls run only when this test lets them.
    const pool = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const fifos = Array.from({ length: pool + 1 }, (_, i) => join(dir, `fifo${i}`));
    for (const f of fifos) expect(spawnSync('mkfifo', [f]).status).toBe(0);
    const opened: Promise<FileHandle>[] = [];
    const hold = (f: string) => opened.push(fs.open(f, 'r'));
    const letGo = (f: string) => expect(spawnSync('sh', ['-c', ': > "$0"', f]).status).toBe(0);

    const frames = decodeInThread(CUP, { probe });
    const first = frames.next().then(
      () => 'a frame',
      (e: unknown) => e,
    ); // queues open(clip) on a free thread
    fifos.slice(0, pool).forEach(hold); // every thread held once open(clip) is done; its fstat waits behind them
    await sleep(300);
    hold(fifos[pool]!); // queued after the fstat: takes the thread the fstat frees
    letGo(fifos[0]!); // fstat runs, ffmpeg is spawned, the clip's close() waits for a thread
    await sleep(800); // the stand-in exits within milliseconds, its 'close' is emitted meanwhile
    for (const f of fifos.slice(1)) letGo(f);
    const outcome = await Promise.race([first, sleep(15_000).then(() => 'still waiting after 15 s')]);
    for (const fh of await Promise.all(opened)) await fh.close();
    await fs.rm(dir, { recursive: true, force: true });
    expect(outcome).toBeInstanceOf(EdgeLabError);
    expect((outcome as EdgeLabError).code).toBe('BAD_INPUT');
    expect((outcome as EdgeLabError).message).toMatch(/could not decode any frame \(.*stand-in: cannot decode/);
    expect((outcome as EdgeLabError).message).toContain('cup.mp4');
  });
});
