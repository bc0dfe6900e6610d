// Property: a replay of a mutated clip (bit flips, truncation, splices… of a real H.264 MP4 and an MJPEG AVI made by
// the bundled ffmpeg; the MP4 with its index first, as phones write them) either succeeds or fails with EdgeLabError BAD_INPUT naming the clip — never another error,
// never a hang, and never a half-written run in the workspace. Seeded; 40 runs per container (each is a real replay).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src-main/create-engine';
import { requireFfmpeg } from '../../src-main/media/ffmpeg';
import { TMP_MARK } from '../../src-main/workspace/atomic';
import { EdgeLabError } from '../../src-shared/protocol';
import { mutate, mutationsArb, within } from './mutate';

const RUNS = Number(process.env.EDGELAB_FUZZ_RUNS ?? 40);
const SEED0 = Number(process.env.EDGELAB_FUZZ_SEED ?? 0);
let scratch: string;
let engine: Engine;
const outcomes: Record<string, { ok: number; bad: number }> = {};

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-fuzz-clips-'));
  engine = await createEngine({ workspaceDir: join(scratch, 'ws'), host: 'test' });
});
afterAll(async () => {
  console.info('fuzz clips (replayed / BAD_INPUT):', JSON.stringify(outcomes));
  await engine?.dispose();
  await fs.rm(scratch, { recursive: true, force: true });
});

/** A 12-frame 96×64 clip of ffmpeg's test pattern in `codec` / container of `name`. */
function makeClip(name: string, codecArgs: string[]): Uint8Array {
  const out = join(scratch, name);
  const r = spawnSync(requireFfmpeg().path, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=96x64:rate=12:duration=1', ...codecArgs, '-bitexact', out]);
  if (r.status !== 0) throw new Error(String(r.stderr));
  return readFileSync(out);
}

async function replayMutated(label: string, ext: string, bytes: Uint8Array, n: number): Promise<void> {
  const file = join(scratch, `${label}-${n}.${ext}`);
  await fs.writeFile(file, bytes);
  const o = (outcomes[label] ??= { ok: 0, bad: 0 });
  try {
    const r = await within(engine.replay({ model: 'blazeface-front', clip: file, frames: 0, thumbnailSize: 32 }), 30_000, `${label} replay`);
    expect(r.frames).toBeGreaterThan(0);
    o.ok++;
  } catch (e) {
    if (!(e instanceof EdgeLabError) || e.code !== 'BAD_INPUT') throw e;
    if (process.env.EDGELAB_FUZZ_VERBOSE) console.info(label, (e as Error).message.slice(-120));
    expect(e.message).toContain(file);
    o.bad++;
  }
  const left = (await fs.readdir(join(scratch, 'ws', 'runs'))).filter((d) => d.startsWith(TMP_MARK));
  expect(left).toEqual([]);
}

describe('replay under clip mutation', () => {
  it.each([
    ['h264-mp4', 'mp4', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '4', '-movflags', '+faststart']],
    ['mjpeg-avi', 'avi', ['-c:v', 'mjpeg']],
  ] as const)('%s: replays or BAD_INPUT', async (label, ext, codecArgs) => {
    const src = makeClip(`src.${ext}`, [...codecArgs]);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutationsArb, (ms) => replayMutated(label, ext, mutate(src, ms), n++)),
      { numRuns: RUNS, seed: SEED0 + (ext === 'mp4' ? 3001 : 3002) },
    );
    expect(outcomes[label]!.ok + outcomes[label]!.bad).toBe(RUNS);
  }, 600_000);
});
