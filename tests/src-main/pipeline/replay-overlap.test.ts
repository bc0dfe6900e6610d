// The overlapped replay (the ONNX detector on the BUILT model worker, out/main/model-worker.js from `npm run build`,
// detections started without waiting while the graph tracks the frames in between) gives the same run as the
// sequential in-thread path on real cup.mp4 frames: same detector frames, deliveries, boxes, scores, track ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunFile, RunSettings } from '../../../src-shared/formats/run';
import { runReplay, type ReplayTrace } from '../../../src-main/pipeline/replay';
import { bundledReplay, CUP } from './fixtures';

const WORKER = join(process.cwd(), 'out/main/model-worker.js');
const quiet = { progress: () => {} };
let scratch = '';
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-overlap-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const SETTINGS: RunSettings = { maxFrames: 60, detectEvery: 3, scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 20, thumbnailSize: 0 };

async function replay(name: string, settings: Partial<RunSettings>, how: { worker: boolean; overlap: boolean }): Promise<{ run: RunFile; trace: ReplayTrace }> {
  const trace = {} as ReplayTrace;
  const opts = bundledReplay('ssd-mobilenet-v2-coco-onnx', CUP, join(scratch, name), { ...SETTINGS, ...settings }, {
    runId: name,
    threads: 1,
    overlap: how.overlap,
    ...(how.worker ? { modelWorker: WORKER } : {}),
    trace,
  });
  return { run: await runReplay(opts, quiet), trace };
}

/** Everything that must not depend on scheduling: cadence, deliveries, boxes, scores, ids, tracks. */
function recorded(run: RunFile) {
  return {
    frames: run.frames.map((f) => ({ i: f.index, d: f.detected, from: f.deliveredFrom, boxes: f.detections.map((x) => [x.trackId, x.source, x.classId, x.box, x.score, x.confirmed]) })),
    tracks: run.tracks,
    detections: run.summary.detections,
  };
}

describe('overlapped replay (SSD ONNX on the model worker) = sequential replay (in-thread)', () => {
  it('detector every 3rd frame, delivered on its own frame: same run; track waited for the detector', async () => {
    const seq = await replay('seq-every', {}, { worker: false, overlap: true });
    const ovl = await replay('ovl-every', {}, { worker: true, overlap: true });
    // From sources the model is in-thread: overlap is off there, whatever was asked.
    expect(seq.trace).toMatchObject({ overlapped: false, modelThread: 'main' });
    expect(ovl.trace).toMatchObject({ overlapped: true, modelThread: 'worker' });
    expect(recorded(ovl.run)).toEqual(recorded(seq.run));
    expect(ovl.run.frames.filter((f) => f.detections.length > 0).length).toBeGreaterThan(30);
    // The trace: one call per detector frame, in order, one at a time, inside the replay's wall time.
    const detected = ovl.run.frames.filter((f) => f.detected);
    expect(ovl.trace.calls.map((c) => c.frame)).toEqual(detected.map((f) => f.index));
    ovl.trace.calls.forEach((c, k) => {
      expect(c.endMs).toBeGreaterThan(c.startMs);
      expect(c.postEndMs).toBeGreaterThanOrEqual(c.endMs);
      if (k > 0) expect(c.startMs).toBeGreaterThanOrEqual(ovl.trace.calls[k - 1].endMs - 0.5);
      expect(detected[k].timings.inferenceMs).toBeCloseTo(c.endMs - c.startMs, 6);
    });
    expect(ovl.trace.calls[0].startMs).toBeGreaterThanOrEqual(ovl.trace.startMs - 0.5);
    expect(ovl.trace.calls.at(-1)!.postEndMs).toBeLessThanOrEqual(ovl.trace.endMs);
    // Overlapped, the track node waits for the detection of its frame (prepare), the detect node does not run it.
    expect(ovl.trace.waitMs.track).toBeGreaterThan(0);
    expect(seq.trace.waitMs.track).toBe(0);
  }, 120_000);

  it('a fixed device latency (deliveries frames later): same run; a measured latency stays sequential on the worker', async () => {
    const s: Partial<RunSettings> = { cadence: 'realtime', deviceLatencyMs: 100 };
    const seq = await replay('seq-lat', s, { worker: false, overlap: true });
    const ovl = await replay('ovl-lat', s, { worker: true, overlap: true });
    expect(ovl.trace.overlapped).toBe(true);
    expect(recorded(ovl.run)).toEqual(recorded(seq.run));
    const late = ovl.run.frames.filter((f) => f.deliveredFrom !== undefined && f.deliveredFrom !== f.index);
    expect(late.length).toBeGreaterThan(5);
    // Measured latency: the clock needs each run's time before the next decision, so nothing overlaps.
    const rt = await replay('rt-measured', { cadence: 'realtime', maxFrames: 20 }, { worker: true, overlap: true });
    expect(rt.trace).toMatchObject({ overlapped: false, modelThread: 'worker' });
    expect(rt.run.frames.filter((f) => f.detected).length).toBe(rt.trace.calls.length);
    expect(rt.trace.calls.length).toBeGreaterThan(3);
  }, 120_000);
});
