// Test helper (not a test): what every frame decoder promises, whichever thread it decodes on — early stop kills and
// reaps ffmpeg, cancel mid-stream throws CANCELLED and kills it, bad clips → BAD_INPUT naming the file and the problem.
// Run by ffmpeg.test.ts (in-thread decodeFrames) and decode-client.test.ts (decodeInWorker on the built worker).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EdgeLabError, type CancelSignal } from '../../../src-shared/protocol';

export const CUP = join(process.cwd(), 'samples/cup.mp4');
export const VTEST = join(process.cwd(), 'samples/vtest.avi');
export const BAD = join(process.cwd(), 'tests/fixtures/bad/clips');

export type Decode = (file: string, opts: { signal?: CancelSignal; onSpawn?: (pid: number) => void; maxFrames?: number }) => AsyncIterable<{ index: number }>;

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function decoderContract(decode: Decode): void {
  it('early stop kills ffmpeg and reaps it', async () => {
    let pid = 0;
    let n = 0;
    for await (const f of decode(CUP, { onSpawn: (p) => (pid = p) })) {
      n = f.index + 1;
      if (n === 3) break;
    }
    expect(n).toBe(3);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });

  it('cancel mid-stream throws CANCELLED and kills ffmpeg', async () => {
    const ac = new AbortController();
    let pid = 0;
    let seen = 0;
    const err = await (async () => {
      for await (const f of decode(CUP, { signal: ac.signal, onSpawn: (p) => (pid = p) })) {
        seen = f.index + 1;
        if (seen === 5) ac.abort();
      }
    })().catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('CANCELLED');
    expect(seen).toBe(5);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });

  const cases: [string, RegExp][] = [
    ['not-a-clip.txt', /not a video clip|not a media file ffmpeg can read \(Invalid data/],
    ['truncated.mp4', /could not decode/],
    ['empty.mp4', /empty/],
    ['does-not-exist.mp4', /does not exist/],
  ];
  for (const [name, why] of cases) {
    it(`bad clip ${name} → BAD_INPUT naming the file`, async () => {
      const file = join(BAD, name);
      const err = await (async () => {
        for await (const _ of decode(file, { maxFrames: 2 })) void _;
      })().catch((e) => e);
      expect(err).toBeInstanceOf(EdgeLabError);
      expect(err.code).toBe('BAD_INPUT');
      expect(err.file).toBe(file);
      expect(err.message).toContain(file);
      expect(err.message).toMatch(why);
    });
  }
}
