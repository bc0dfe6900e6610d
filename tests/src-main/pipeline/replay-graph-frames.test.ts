// A replay decoded at the graph's sizes (media/graph-frames.ts, the default for 'stretch' detectors without an
// embedder) against the same replay on full RGB frames (decodeAtGraphSize false): the same detector frames and
// deliveries, and the same confident boxes (score ≥ 0.5: same class, IoU ≥ 0.7 and median ≥ 0.9, score within 0.15)
// on cup.mp4 with the SSD ONNX. Only the input pixels differ (ffmpeg's scaler vs resizeRgb, its luma vs toGray, see
// graph-frames.test.ts). Measured over 45 frames: 24 confident boxes, IoU median 0.96 (min 0.74), |Δscore| ≤ 0.14:
// SSD at 300×300 is that sensitive to resampling (ffmpeg low-pass filters before subsampling 640→300; the 2-tap
// bilinear of resizeRgb skips every other source pixel, so its output depends on sub-pixel phase).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Detection, RunFile } from '../../../src-shared/formats/run';
import { iou } from '../../../src-shared/geometry/box';
import { runReplay, type ReplayTrace } from '../../../src-main/pipeline/replay';
import { bundledReplay, CUP } from './fixtures';

let scratch = '';
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-graph-frames-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function replay(name: string, decodeAtGraphSize: boolean): Promise<{ run: RunFile; trace: ReplayTrace }> {
  const trace = {} as ReplayTrace;
  const settings = { maxFrames: 45, detectEvery: 3, scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 20, thumbnailSize: 160 };
  const run = await runReplay(bundledReplay('ssd-mobilenet-v2-coco-onnx', CUP, join(scratch, name), settings, { runId: name, decodeAtGraphSize, trace }), { progress: () => {} });
  return { run, trace };
}

describe('replay decoded at the graph sizes', () => {
  it('same detector frames and confident boxes as on full RGB frames; thumbnails still written', async () => {
    const full = await replay('full', false);
    const sized = await replay('sized', true);
    expect(full.trace.graphFrames).toBe(false);
    expect(sized.trace.graphFrames).toBe(true);
    // The run file says which pixels the detector saw.
    expect(full.run.settings.frameSource).toBe('full');
    expect(sized.run.settings.frameSource).toBe('graph-size');
    expect(sized.run.frames.map((f) => [f.index, f.ptsMs, f.detected, f.deliveredFrom])).toEqual(full.run.frames.map((f) => [f.index, f.ptsMs, f.detected, f.deliveredFrom]));
    expect(sized.run.thumbnails).toEqual(full.run.thumbnails);
    expect(sized.run.frames.every((f) => typeof f.thumbnail === 'string')).toBe(true);
    const detected = (run: RunFile, i: number): Detection[] => run.frames[i].detections.filter((d) => d.source === 'detected');
    let confident = 0;
    const ious: number[] = [];
    for (const f of full.run.frames.filter((x) => x.detected)) {
      const other = detected(sized.run, f.index);
      for (const d of detected(full.run, f.index).filter((x) => x.score >= 0.5)) {
        confident++;
        const m = other.filter((o) => o.classId === d.classId).sort((a, b) => iou(b.box, d.box) - iou(a.box, d.box))[0];
        expect(m, `frame ${f.index} ${d.label} ${d.score}`).toBeDefined();
        expect(iou(m.box, d.box)).toBeGreaterThanOrEqual(0.7);
        expect(Math.abs(m.score - d.score)).toBeLessThanOrEqual(0.15);
        ious.push(iou(m.box, d.box));
      }
    }
    expect(confident).toBeGreaterThan(10);
    expect(ious.sort((a, b) => a - b)[Math.floor(ious.length / 2)]).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
