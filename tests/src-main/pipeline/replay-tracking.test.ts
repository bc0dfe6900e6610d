// runReplay end to end with the version-2 pipeline: tracker ids and sources, embeddings on disk with payload sizes,
// device-latency simulation on the clip clock (deterministic), per-node timings; bad inputs write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunFile, RunSettings } from '../../../src-shared/formats/run';
import { DetectorClock, stepClock } from '../../../src-main/pipeline/cadence';
import { readEmbeddings, readRun, runReplay, type ReplayOptions } from '../../../src-main/pipeline/replay';
import { bundled, bundledReplay, CUP, faceClip } from './fixtures';

let scratch = '';
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-replay2-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const SETTINGS: RunSettings = { maxFrames: 24, detectEvery: 3, scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 20, thumbnailSize: 0 };
const quiet = { progress: () => {} };

function options(id: string, clipPath: string, outDir: string, settings: Partial<RunSettings> = {}, embedder?: string): ReplayOptions {
  const e = embedder ? bundled(embedder) : undefined;
  return bundledReplay(id, clipPath, outDir, { ...SETTINGS, ...settings }, {
    runId: `t-${id}`,
    clip: { name: 'clip', sha256: 'test' },
    createdAt: '2026-01-01T00:00:00.000Z',
    ...(e ? { embedder: { modelPath: e.path, format: e.format, meta: e.meta, name: e.name, sha256: e.sha256 } } : {}),
  });
}

/** What must not depend on the wall clock: cadence, delivery, boxes, ids. */
function recorded(run: RunFile) {
  return run.frames.map((f) => ({ i: f.index, d: f.detected, from: f.deliveredFrom, boxes: f.detections.map((x) => [x.trackId, x.source, x.box, x.score]) }));
}

describe('runReplay v2 (SSD-MobileNetV2 on cup.mp4, detector every 3rd frame, MobileNetV2 features embedder)', () => {
  let run: RunFile;
  const out = () => join(scratch, 'ssd-embed');
  beforeAll(async () => {
    run = await runReplay(options('ssd-mobilenet-v2-coco', CUP, out(), {}, 'ssd-mobilenet-v2-features'), quiet);
  }, 120_000);

  it('writes version 2 with its settings, tracks and per-node timings, and reads back equal', async () => {
    expect(run.version).toBe(2);
    expect(run.settings).toMatchObject({ cadence: 'every', deviceLatencyMs: null, embedder: bundled('ssd-mobilenet-v2-features').name });
    expect(run.settings.tracker).toMatchObject({ confirmHits: 2 });
    expect(await readRun(out())).toEqual(run);
    expect(Object.keys(run.nodeTimingsMs!).sort()).toEqual(['decode', 'detect', 'embed', 'preprocess', 'sink', 'track']);
    for (const t of Object.values(run.nodeTimingsMs!)) expect(t.calls).toBe(24);
    expect(run.nodeTimingsMs!.detect.meanMs).toBeGreaterThan(run.nodeTimingsMs!.track.meanMs);
  });

  it('detected frames carry detector boxes with track ids; frames between carry the same ids, propagated', () => {
    expect(run.frames.map((f) => f.detected)).toEqual(run.frames.map((f) => f.index % 3 === 0));
    expect(run.frames.filter((f) => f.deliveredFrom !== undefined).map((f) => f.deliveredFrom)).toEqual(run.frames.filter((f) => f.detected).map((f) => f.index));
    const withBoxes = run.frames.filter((f) => f.detected && f.detections.length > 0);
    expect(withBoxes.length).toBeGreaterThan(3);
    for (const f of run.frames) {
      for (const d of f.detections) expect(d.trackId).toBeGreaterThan(0);
      if (!f.detected) {
        expect(f.detections.every((d) => d.source === 'propagated')).toBe(true);
        const prev = run.frames[f.index - 1];
        const ids = new Set(prev.detections.map((d) => d.trackId));
        for (const d of f.detections) expect(ids.has(d.trackId)).toBe(true);
      }
    }
    // some object is tracked across several detector passes with one id
    expect(run.tracks!.some((t) => t.hits >= 3 && t.confirmedFrame !== null)).toBe(true);
    expect(run.summary.tracks).toBe(run.tracks!.length);
    expect(run.summary.detections).toBe(run.frames.filter((f) => f.detected).reduce((a, f) => a + f.detections.filter((d) => d.source === 'detected').length, 0));
  });

  it('stores one embedding per confirmation / re-detection, binary, with payload sizes beside the JPEG crop', async () => {
    const e = run.embeddings!;
    expect(e.count).toBeGreaterThan(0);
    expect(e.count).toBe(e.items.length);
    expect((await fs.stat(join(out(), e.file))).size).toBe(e.count * 1280 * 4);
    const confirmed = run.tracks!.filter((t) => t.confirmedFrame !== null);
    for (const t of confirmed) expect(e.items.some((i) => i.trackId === t.id && i.reason === 'confirmed' && i.frame === t.confirmedFrame)).toBe(true);
    for (const i of e.items) {
      expect(i.bytes).toMatchObject({ float32: 5120, float16: 2560, int8: 1284 });
      expect(i.bytes.jpeg).toBeGreaterThan(i.bytes.int8);
    }
    const vecs = await readEmbeddings(out(), run);
    expect(vecs).toHaveLength(e.count);
    for (const v of vecs) expect(Math.abs(v.reduce((s, x) => s + x * x, 0) - 1)).toBeLessThan(1e-4);
    expect(run.summary.embeddings).toBe(e.count);
  });
});

describe('device-latency simulation (BlazeFace on the face clip, 10 fps)', () => {
  it('realtime with 250 ms: starts and deliveries follow the clip clock, the same run twice', async () => {
    const clip = await faceClip();
    const s = { maxFrames: 20, scoreThreshold: 0.5, cadence: 'realtime' as const, deviceLatencyMs: 250 };
    const a = await runReplay(options('blazeface-front', clip, join(scratch, 'lat-a'), s), quiet);
    const b = await runReplay(options('blazeface-front', clip, join(scratch, 'lat-b'), s), quiet);
    expect(recorded(b)).toEqual(recorded(a));
    const clock = new DetectorClock({ mode: 'realtime' });
    const want = a.frames.map((f) => stepClock(clock, f.index, f.ptsMs, 250));
    expect(a.frames.map((f) => f.detected)).toEqual(want.map((w) => w.start));
    expect(a.frames.map((f) => f.deliveredFrom ?? null)).toEqual(want.map((w) => w.deliveredFrom));
    expect(a.frames.filter((f) => f.detected).map((f) => f.index)).toEqual([0, 3, 6, 9, 12, 15, 18]);
    // nothing is shown before the first delivery (frame 3): the phone has no box yet
    expect(a.frames.slice(0, 3).every((f) => f.detections.length === 0)).toBe(true);
    expect(a.frames[3].detections.some((d) => d.source === 'detected' && d.label === 'face')).toBe(true);
    expect(a.frames[4].detections.some((d) => d.source === 'propagated')).toBe(true);
    expect(a.settings).toMatchObject({ cadence: 'realtime', deviceLatencyMs: 250 });
  });

  it('realtime without a device latency uses the measured inference time (detector every frame or so)', async () => {
    const run = await runReplay(options('blazeface-front', await faceClip(), join(scratch, 'rt'), { maxFrames: 10, cadence: 'realtime' }), quiet);
    // The detector clock driven by each detection's own measured time (inference + postprocess, as the frame records
    // it) starts and delivers exactly where the run did — whatever the machine's load made those times.
    const clock = new DetectorClock({ mode: 'realtime' });
    const want = run.frames.map((f) => stepClock(clock, f.index, f.ptsMs, f.timings.inferenceMs + f.timings.postprocessMs));
    expect(run.frames.map((f) => f.detected)).toEqual(want.map((w) => w.start));
    expect(run.frames.map((f) => f.deliveredFrom ?? null)).toEqual(want.map((w) => w.deliveredFrom));
    expect(run.frames[0]!.detected).toBe(true);
    // BlazeFace takes a few ms, far below the 100 ms frame gap: where every detection was that fast (an idle
    // machine), a start on every frame.
    const gap = Math.min(...run.frames.slice(1).map((f, i) => f.ptsMs - run.frames[i]!.ptsMs));
    if (run.frames.every((f) => f.timings.inferenceMs + f.timings.postprocessMs < gap / 2)) expect(run.frames.every((f) => f.detected)).toBe(true);
    expect(run.settings.deviceLatencyMs).toBeNull();
  });
});

describe('bad input writes nothing', () => {
  const cases: [string, () => ReplayOptions, RegExp][] = [
    ['a zero-length clip', () => options('blazeface-front', join(process.cwd(), 'tests/fixtures/bad/clips/empty.mp4'), join(scratch, 'b1')), /./],
    ['an undecodable clip', () => options('blazeface-front', join(process.cwd(), 'tests/fixtures/bad/clips/not-a-clip.txt'), join(scratch, 'b2')), /./],
    [
      'a model whose outputs do not match the decoder',
      () => ({ ...options('blazeface-front', CUP, join(scratch, 'b3')), meta: { ...bundled('blazeface-front').meta, decoder: bundled('ssd-mobilenet-v2-coco').meta.decoder } }),
      /decoder/,
    ],
    ['an embedder whose metadata does not fit', () => {
      const o = options('blazeface-front', CUP, join(scratch, 'b4'), {}, 'ssd-mobilenet-v2-features');
      return { ...o, embedder: { ...o.embedder!, meta: { ...o.embedder!.meta, embedding: { output: 'nope', dims: 3 } } } };
    }, /./],
  ];
  for (const [what, make, re] of cases) {
    it(`${what}: BAD_INPUT naming the file, no run dir, no temp dir`, async () => {
      const o = make();
      const e = await runReplay(o, quiet).catch((x) => x);
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toMatch(re);
      expect([o.clipPath, o.modelPath, o.embedder?.modelPath]).toContain(e.file);
      await expect(fs.stat(o.outDir)).rejects.toThrow();
      expect((await fs.readdir(scratch)).filter((n) => n.includes('tmp'))).toEqual([]);
    }, 60_000);
  }
});
