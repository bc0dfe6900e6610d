// End to end: real clip → real runtime → run directory on disk, read back with readRun.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Progress } from '../../../src-shared/protocol';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { RunFile, RunSettings } from '../../../src-shared/formats/run';
import { frameImagePath, readRun, runReplay, type ReplayOptions } from '../../../src-main/pipeline/replay';
import { bundled, bundledReplay, CUP, faceClip } from './fixtures';
import { iou } from '../../../src-shared/geometry/box';

let scratch = '';
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-replay-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const SETTINGS: RunSettings = { maxFrames: 15, detectEvery: 1, scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 20, thumbnailSize: 160 };

function options(id: string, clipPath: string, outDir: string, settings: Partial<RunSettings> = {}): ReplayOptions {
  return bundledReplay(id, clipPath, outDir, { ...SETTINGS, ...settings }, { createdAt: '2026-01-01T00:00:00.000Z' });
}

async function checkRunDir(dir: string, run: RunFile): Promise<void> {
  const back = await readRun(dir);
  expect(back).toEqual(run);
  expect(run.frames.map((f) => f.index)).toEqual(Array.from({ length: run.frames.length }, (_, i) => i));
  for (let i = 1; i < run.frames.length; i++) expect(run.frames[i].ptsMs).toBeGreaterThan(run.frames[i - 1].ptsMs);
  // thumbnails: every frame has one, a real JPEG of the recorded size
  expect(run.thumbnails).not.toBeNull();
  for (const f of run.frames) {
    expect(f.thumbnail).toBe(`frames/${String(f.index).padStart(6, '0')}.jpg`);
    const bytes = await fs.readFile(frameImagePath(dir, f.index));
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff]);
    if (f.index === 0) {
      const img = jpeg.decode(bytes, { useTArray: true });
      expect([img.width, img.height]).toEqual([run.thumbnails!.width, run.thumbnails!.height]);
      expect(Math.max(img.width, img.height)).toBe(run.settings.thumbnailSize);
    }
  }
  // summary consistent with frames
  const s = run.summary;
  expect(s.frames).toBe(run.frames.length);
  const nDet = run.frames.reduce((a, f) => a + f.detections.length, 0);
  expect(s.detectionsPerFrame).toBeCloseTo(nDet / run.frames.length, 9);
  const first = run.frames.find((f) => f.detections.length > 0);
  expect(s.firstBoxFrame).toBe(first ? first.index : null);
  expect(s.firstBoxMs).toBe(first ? first.ptsMs : null);
  const inf = run.frames.filter((f) => f.detected).map((f) => f.timings.inferenceMs);
  expect(s.inferenceMsMean).toBeCloseTo(inf.reduce((a, b) => a + b, 0) / inf.length, 6);
  expect(s.inferenceMsP50).toBeGreaterThanOrEqual(Math.min(...inf));
  expect(s.inferenceMsP90).toBeGreaterThanOrEqual(s.inferenceMsP50);
  expect(s.inferenceMsP90).toBeLessThanOrEqual(Math.max(...inf));
  expect(s.wallMsPerFrame).toBeGreaterThan(0);
  for (const f of run.frames) for (const d of f.detections) for (const v of d.box) expect(v >= 0 && v <= 1).toBe(true);
  // nothing else left in the parent: no temp dir
  const left = (await fs.readdir(join(dir, '..'))).filter((n) => n.includes('edgelab-tmp'));
  expect(left).toEqual([]);
}

describe('runReplay', () => {
  it('BlazeFace (ONNX) on the face clip, detector every 3rd frame: boxes carried in between', async () => {
    const out = join(scratch, 'blazeface');
    const progress: Progress[] = [];
    const run = await runReplay(options('blazeface-front', await faceClip(), out, { maxFrames: 15, detectEvery: 3, scoreThreshold: 0.5 }), {
      progress: (p) => progress.push(p),
    });
    await checkRunDir(out, run);
    expect(run.model).toMatchObject({ runtime: 'onnxruntime-node', backend: 'CPUExecutionProvider' });
    expect(run.clip).toMatchObject({ width: 320, height: 320 });
    expect(run.frames).toHaveLength(15);
    expect(run.frames.map((f) => f.detected)).toEqual(run.frames.map((f) => f.index % 3 === 0));
    // every detected frame shows the face; the following frames carry it as 'propagated'
    for (const i of [0, 3, 6, 9, 12]) {
      const f = run.frames[i];
      expect(f.detections.length).toBeGreaterThanOrEqual(1);
      expect(f.detections.every((d) => d.source === 'detected' && d.label === 'face')).toBe(true);
      // The tracker carries the same tracks (same ids) by optical flow: the box moves with the face, a little.
      const next = run.frames[i + 1];
      expect(next.detections.map((d) => d.trackId)).toEqual(f.detections.map((d) => d.trackId));
      next.detections.forEach((d, k) => expect(iou(d.box, f.detections[k].box)).toBeGreaterThan(0.6));
      expect(next.detections.every((d) => d.source === 'propagated')).toBe(true);
      expect(next.timings.inferenceMs).toBe(0);
    }
    expect(run.summary.firstBoxFrame).toBe(0);
    // progress: per frame, monotone, ending at 1
    const frames = progress.filter((p) => p.stage === 'replay' && p.unit === 'frames' && (p.done ?? 0) > 0);
    expect(frames.length).toBeGreaterThanOrEqual(15);
    for (let i = 1; i < frames.length; i++) expect(frames[i].fraction!).toBeGreaterThanOrEqual(frames[i - 1].fraction!);
    expect(frames.at(-1)!.fraction).toBe(1);
    expect(frames.at(-1)!.etaMs).toBe(0);
  });

  it('SSD-MobileNetV2 (tfjs wasm) on cup.mp4: boxes with COCO labels from the first frames', async () => {
    const out = join(scratch, 'ssd');
    const run = await runReplay(options('ssd-mobilenet-v2-coco', CUP, out), { progress: () => {} });
    await checkRunDir(out, run);
    expect(run.model).toMatchObject({ runtime: 'tfjs', backend: 'wasm' });
    expect(run.frames).toHaveLength(15);
    expect(run.frames.every((f) => f.detected)).toBe(true);
    const labels = new Set(run.frames.flatMap((f) => f.detections.map((d) => d.label)));
    expect([...labels].some((l) => ['cup', 'bottle', 'person'].includes(l))).toBe(true);
    expect(run.summary.firstBoxFrame).not.toBeNull();
  });

  it('a cancelled replay leaves neither the run dir nor a temp dir, and throws CANCELLED', async () => {
    const parent = join(scratch, 'cancel');
    await fs.mkdir(parent);
    const out = join(parent, 'run');
    const ac = new AbortController();
    const err = await runReplay(options('blazeface-front', CUP, out, { maxFrames: 0 }), {
      signal: ac.signal,
      progress: (p) => {
        if ((p.done ?? 0) >= 5) ac.abort();
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('CANCELLED');
    expect(await fs.readdir(parent)).toEqual([]);
  });

  it('refuses an existing outDir, a non-detector model and a bad clip (BAD_INPUT naming the file)', async () => {
    const exists = join(scratch, 'exists');
    await fs.mkdir(exists);
    const e1 = await runReplay(options('blazeface-front', CUP, exists), { progress: () => {} }).catch((e) => e);
    expect([e1.code, e1.file]).toEqual(['BAD_INPUT', exists]);
    const faceres = { ...options('blazeface-front', CUP, join(scratch, 'x')), meta: bundled('faceres').meta };
    const e2 = await runReplay(faceres, { progress: () => {} }).catch((e) => e);
    expect(e2.code).toBe('BAD_INPUT');
    expect(e2.message).toMatch(/detector/);
    const bad = join(process.cwd(), 'tests/fixtures/bad/clips/truncated.mp4');
    const out = join(scratch, 'bad-clip');
    const e3 = await runReplay(options('blazeface-front', bad, out), { progress: () => {} }).catch((e) => e);
    expect([e3.code, e3.file]).toEqual(['BAD_INPUT', bad]);
    await expect(fs.stat(out)).rejects.toThrow();
  });
});

describe('readRun', () => {
  it('BAD_INPUT naming run.json when missing, not JSON, another version or malformed', async () => {
    const dir = join(scratch, 'bad-run');
    await fs.mkdir(dir);
    const file = join(dir, 'run.json');
    const expectBad = async (re: RegExp) => {
      const e = await readRun(dir).catch((x) => x);
      expect(e).toBeInstanceOf(EdgeLabError);
      expect([e.code, e.file]).toEqual(['BAD_INPUT', file]);
      expect(e.message).toMatch(re);
    };
    await expectBad(/missing/);
    await fs.writeFile(file, '{ nope');
    await expectBad(/not valid JSON/);
    await fs.writeFile(file, JSON.stringify({ schema: 'edgelab.run', version: 99 }));
    await expectBad(/version 99/);
    await fs.writeFile(file, JSON.stringify({ schema: 'other' }));
    await expectBad(/not an EdgeLab run/);
    await fs.writeFile(file, JSON.stringify({ schema: 'edgelab.run', version: 1, id: 'x' }));
    await expectBad(/malformed at createdAt/);
  });
});
