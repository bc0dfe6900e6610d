// `edgelab replay` detector calls and motion-gated detection, through the BUILT CLI (run `npm run build` first):
// `detectorCalls` equals the cadence arithmetic on the bundled clips; --detect-on motion calls the detector where a
// synthetic clip (a still textured scene, then a pan) moves and not while it is still; the cup.mp4 contract (120
// frames, defaults: ≤ 60 % detector frames, class-agnostic mAP@.5 ≥ 0.8 against every frame); usage errors.
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireFfmpeg } from '../../../../src-main/media/ffmpeg';
import { readRun } from '../../../../src-main/pipeline/run-file';
import { edgelab as spawnCli, REPO, type Ran } from './spawn-cli';

const SSD = 'ssd-mobilenet-v2-coco-onnx';
let dir = '';

function edgelab(args: string[]): Promise<Ran> {
  return spawnCli(join(dir, 'ws'), args, { cwd: dir });
}

async function replay(name: string, args: string[]): Promise<{ out: string; j: { frames: number; detectorCalls: number } }> {
  const out = join(dir, name);
  const r = await edgelab(['replay', '--model', SSD, '--thumbnail-size', '0', '--out', out, '--json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return { out, j: JSON.parse(r.stdout) };
}

/** A still, textured 640×480 scene for 1.2 s, then a pan of 150 px/s to the right (25 fps, 3 s). */
function panClip(): string {
  const ff = requireFfmpeg().path;
  const bg = join(dir, 'bg.png');
  const clip = join(dir, 'pan.mp4');
  const run = (args: string[]) => {
    const r = spawnSync(ff, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
    if (r.status !== 0) throw new Error(String(r.stderr));
  };
  run(['-f', 'lavfi', '-i', 'color=gray:s=1280x480,noise=alls=100:allf=u,gblur=sigma=3', '-frames:v', '1', bg]);
  run(['-loop', '1', '-framerate', '25', '-i', bg, '-t', '3', '-vf', "crop=640:480:'if(lt(t,1.2),0,(t-1.2)*150)':0,format=yuv420p", '-c:v', 'libx264', clip]);
  return clip;
}

beforeAll(async () => {
  if (!existsSync(join(REPO, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run "npm run build" before the CLI tests');
  dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-cli-motion-')));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('edgelab replay: detectorCalls and --detect-on motion', () => {
  it('detectorCalls equals the cadence arithmetic (ceil(frames / N)) on cup.mp4 and vtest.avi', async () => {
    for (const [clip, frames, every] of [['cup', 20, 1], ['cup', 20, 3], ['cup', 20, 7], ['vtest', 12, 5]] as const) {
      const { out, j } = await replay(`${clip}-${every}`, ['--clip', clip, '--frames', String(frames), '--detect-every', String(every)]);
      expect(j.frames).toBe(frames);
      expect(j.detectorCalls, `${clip} every ${every}`).toBe(Math.ceil(frames / every));
      const run = await readRun(out);
      expect(run.frames.filter((f) => f.detected).length).toBe(j.detectorCalls);
      expect(run.summary.detectorCalls).toBe(j.detectorCalls);
    }
  }, 180_000);

  it('motion: the detector runs where a synthetic clip pans, not while it is still', async () => {
    const clip = panClip();
    const { out, j } = await replay('pan', ['--clip', clip, '--detect-on', 'motion', '--max-interval-ms', '100000']);
    const run = await readRun(out);
    expect(run.settings).toMatchObject({ cadence: 'motion', motion: { threshold: 0.05, maxIntervalMs: 100000 } });
    expect(j.frames).toBe(75);
    const at = run.frames.filter((f) => f.detected).map((f) => f.index);
    // Frame 0 (the first), then nothing over the still part (frames 1…30: the crop moves from frame 31 on), then
    // 3 px/frame on a 320 px flow image = 0.0094 of the long side per frame: one detection every ~6 frames.
    expect(at[0]).toBe(0);
    expect(at.slice(1).every((i) => i > 30)).toBe(true);
    expect(at.length).toBeGreaterThanOrEqual(6);
    for (let k = 2; k < at.length; k++) expect(at[k] - at[k - 1]).toBeLessThanOrEqual(7);
    expect(j.detectorCalls).toBe(at.length);
  }, 120_000);

  it('cup.mp4, 120 frames, default motion gate: ≤ 60 % detector frames and class-agnostic mAP@.5 ≥ 0.8 vs every frame', async () => {
    const every = await replay('cup-every', ['--clip', 'cup', '--frames', '120']);
    const motion = await replay('cup-motion', ['--clip', 'cup', '--frames', '120', '--detect-on', 'motion']);
    expect(every.j.detectorCalls).toBe(120);
    expect(motion.j.detectorCalls).toBeLessThanOrEqual(72);
    const c = await edgelab(['compare', every.out, motion.out, '--class-agnostic', '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).detection.map50).toBeGreaterThanOrEqual(0.8);
  }, 180_000);

  it('usage errors (exit 2): --detect-on motion with --detect-every or --realtime, bad threshold / interval / value', async () => {
    const base = ['replay', '--model', SSD, '--clip', 'cup', '--frames', '2', '--out', join(dir, 'never')];
    for (const extra of [
      ['--detect-on', 'motion', '--detect-every', '2'],
      ['--detect-on', 'motion', '--realtime'],
      ['--detect-on', 'motion', '--motion-threshold', '0'],
      ['--detect-on', 'motion', '--motion-threshold', 'x'],
      ['--detect-on', 'motion', '--max-interval-ms', '0'],
      ['--detect-on', 'sometimes'],
    ]) {
      const r = await edgelab([...base, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^edgelab: /);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
    // the API refuses the same combinations (BAD_INPUT, exit 1), e.g. through the generic call entry
    for (const extra of [{ detectEvery: 2 }, { realtime: true }]) {
      const r = await edgelab(['call', 'replay', '--args', JSON.stringify({ model: SSD, clip: 'cup', frames: 2, detectOn: 'motion', ...extra }), '--json']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/detectOn motion excludes/);
    }
    const r = await edgelab(['call', 'replay', '--args', JSON.stringify({ model: SSD, clip: 'cup', frames: 2, maxIntervalMs: 100 }), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/need detectOn motion/);
  }, 60_000);
});
