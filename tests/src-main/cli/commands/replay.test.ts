// `edgelab replay` with the issue-5 flags, through the BUILT CLI (run `npm run build` first): --json keys,
// --realtime with --device-latency on the clip clock, --embedder, and flag conflicts / bad values as usage errors.
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun } from '../../../../src-main/pipeline/run-file';
import { edgelab as spawnCli, type Ran } from './spawn-cli';

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
let dir = '';

function edgelab(args: string[]): Promise<Ran> {
  return spawnCli(join(dir, 'ws'), args, { cwd: dir });
}

beforeAll(async () => {
  if (!existsSync(join(REPO, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run "npm run build" before the CLI tests');
  dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-cli-replay-')));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('edgelab replay (tracking, embedding, device latency)', () => {
  it('--json prints runDir, frames, detections, tracks, embeddings and per-node timingsMs', async () => {
    const out = join(dir, 'ssd');
    const r = await edgelab(['replay', '--model', 'ssd-mobilenet-v2-coco', '--clip', 'cup', '--frames', '12', '--detect-every', '3', '--embedder', 'ssd-mobilenet-v2-features', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.runDir).toBe(out);
    expect(j.frames).toBe(12);
    for (const k of ['detections', 'tracks', 'embeddings']) expect(Number.isInteger(j[k])).toBe(true);
    expect(j.detections).toBeGreaterThan(0);
    expect(j.tracks).toBeGreaterThan(0);
    expect(Object.keys(j.timingsMs).sort()).toEqual(['decode', 'detect', 'embed', 'preprocess', 'sink', 'track']);
    for (const v of Object.values(j.timingsMs)) expect(v as number).toBeGreaterThanOrEqual(0);
    const run = await readRun(out);
    expect(run.summary.embeddings).toBe(j.embeddings);
    expect(run.embeddings?.count).toBe(j.embeddings);
    expect(j.inferenceMsMean).toBeGreaterThan(0); // what it printed before is still there
  }, 120_000);

  it('--realtime --device-latency 200 runs on the clip clock (26.78 fps: a start every 6th frame)', async () => {
    const out = join(dir, 'rt');
    const r = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '20', '--realtime', '--device-latency', '200', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const run = await readRun(out);
    expect(run.settings).toMatchObject({ cadence: 'realtime', deviceLatencyMs: 200 });
    // 200 ms at 37.34 ms/frame → delivered 6 frames later (224 ms), restarted there
    expect(run.frames.filter((f) => f.detected).map((f) => f.index)).toEqual([0, 6, 12, 18]);
    expect(run.frames.filter((f) => f.deliveredFrom !== undefined).map((f) => [f.index, f.deliveredFrom])).toEqual([[6, 0], [12, 6], [18, 12]]);
  }, 60_000);

  it('--device <device>/<delegate> simulates an imported latency record (its mean); an unknown device is an error in words', async () => {
    const csv = join(REPO, 'tests/fixtures/bench/edgelab-template-pixel3.csv');
    const imp = await edgelab(['import-bench', csv, '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    const out = join(dir, 'pixel3');
    const r = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '12', '--realtime', '--device', 'Pixel 3/cpu', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const run = await readRun(out);
    // the template's Pixel 3 CPU row: mean 120 ms → at 26.78 fps delivered 4 frames later (149 ms)
    expect(run.settings).toMatchObject({ deviceLatencyMs: 120, device: { device: 'Pixel 3', delegate: 'cpu', latencyMs: 120 } });
    expect(run.frames.filter((f) => f.detected).map((f) => f.index)).toEqual([0, 4, 8]);
    const amb = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--device', 'Pixel 3', '--out', join(dir, 'amb')]);
    expect(amb.code).not.toBe(0);
    expect(amb.stderr).toMatch(/2 records/);
    const none = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--device', 'Nokia 3310', '--out', join(dir, 'none')]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/Nokia 3310.*Pixel 3/);
    expect(existsSync(join(dir, 'amb')) || existsSync(join(dir, 'none'))).toBe(false);
  }, 60_000);

  it('usage errors (exit 2): --realtime with --detect-every, a negative latency', async () => {
    const a = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--realtime', '--detect-every', '2', '--out', join(dir, 'x')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/cannot be used with/);
    const b = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--device-latency', '-5', '--out', join(dir, 'y')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/milliseconds/);
    expect(existsSync(join(dir, 'x')) || existsSync(join(dir, 'y'))).toBe(false);
  });

  it('--embedder with a detector is BAD_INPUT naming the file, no run dir', async () => {
    const out = join(dir, 'bad');
    const r = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '3', '--embedder', 'blazeface-front', '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/embedder/);
    expect(r.stderr).toMatch(/face_detection_front_128x128\.onnx/);
    expect(existsSync(out)).toBe(false);
  });
});
