// Decoders on real frames through the real runtimes: preprocess → run → decode → NMS → frame coordinates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from '../../../../src-shared/formats/run';
import { COCO80, COCO90 } from '../../../../src-shared/class-names';
import { DetectNode } from '../../../../src-main/pipeline/nodes/detect';
import { preprocess } from '../../../../src-main/pipeline/nodes/preprocess';
import { runtimeFor } from '../../../../src-main/runtimes/registry';
import type { LoadedModel } from '../../../../src-main/runtimes/types';
import type { DecodedFrame } from '../../../../src-main/media/decode';
import { bundled, CUP, faceClip, framesAt } from '../fixtures';

const COCO = new Set([...COCO90, ...COCO80].filter(Boolean));
const settings = { scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 20 };

async function detectOn(id: string, frames: DecodedFrame[], scoreThreshold = settings.scoreThreshold): Promise<Detection[][]> {
  const b = bundled(id);
  const model: LoadedModel = await (await runtimeFor(b.format)).load(b.path);
  try {
    const node = new DetectNode(model, b.meta, { ...settings, scoreThreshold });
    await node.open();
    const out: Detection[][] = [];
    for (const f of frames) {
      const { tensor, transform } = preprocess(f.rgb, f.width, f.height, b.meta.input);
      const p = { frameIndex: f.index, timestampMs: f.ptsMs, payload: { frame: f, runDetector: true, input: tensor, transform, timings: { decodeMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } } };
      const [r] = await node.process(p);
      expect(r.payload.timings.inferenceMs).toBeGreaterThan(0);
      out.push(r.payload.detections!);
    }
    node.close();
    return out;
  } finally {
    await model.dispose();
  }
}

function expectSane(d: Detection) {
  for (const v of d.box) expect(v >= 0 && v <= 1).toBe(true);
  expect(d.box[0]).toBeLessThan(d.box[2]);
  expect(d.box[1]).toBeLessThan(d.box[3]);
  expect(d.score).toBeGreaterThan(0);
  expect(d.score).toBeLessThanOrEqual(1);
  expect(d.source).toBe('detected');
}

// Hold-up frames of cup.mp4: the dark cup held upright by a hand (0, 24) and tilted (72, 120, 180).
const HOLD_UP = [0, 24, 72, 120, 180];
let cupFrames: DecodedFrame[] = [];
beforeAll(async () => {
  cupFrames = await framesAt(CUP, HOLD_UP);
});
afterAll(() => {
  cupFrames = [];
});

describe('ssd-postprocessed (SSD-MobileNetV2, tfjs wasm)', () => {
  it('finds a cup, bottle or person in the hold-up frames, with COCO names and boxes in [0,1]', async () => {
    const dets = await detectOn('ssd-mobilenet-v2-coco', cupFrames);
    const all = dets.flat();
    all.forEach(expectSane);
    for (const d of all) expect(COCO.has(d.label)).toBe(true);
    const hits = dets.filter((ds) => ds.some((d) => ['cup', 'bottle', 'person'].includes(d.label)));
    expect(hits.length).toBeGreaterThanOrEqual(3);
  });
});

describe('centernet-detections (CenterNet MobileNetV3, tfjs wasm)', () => {
  it('finds a cup, bottle or person in the hold-up frames, with COCO-80 names and boxes in [0,1]', async () => {
    const dets = await detectOn('centernet-mobilenet-v3-coco', cupFrames, 0.2);
    const all = dets.flat();
    all.forEach(expectSane);
    for (const d of all) expect(COCO80.includes(d.label)).toBe(true);
    const hits = dets.filter((ds) => ds.some((d) => ['cup', 'bottle', 'person'].includes(d.label)));
    expect(hits.length).toBeGreaterThanOrEqual(3);
    // the hand/arm enters from the right: the person box lies in the right half
    const person = all.filter((d) => d.label === 'person').sort((a, b) => b.score - a.score)[0];
    expect((person.box[0] + person.box[2]) / 2).toBeGreaterThan(0.5);
  });
});

describe('blazeface (ONNX, onnxruntime CPU)', () => {
  it('finds a face (score > 0.75) in the face clip, and its box follows the camera pan', async () => {
    // faceClip(): a 320×320 window panning over a portrait; the window is rightmost near frame 12 (face drawn
    // left of centre) and leftmost near frame 35 (face drawn right of centre).
    const frames = await framesAt(await faceClip(), [5, 12, 25, 35]);
    const dets = await detectOn('blazeface-front', frames, 0.5);
    for (const ds of dets) {
      ds.forEach(expectSane);
      expect(ds.length).toBe(1);
      expect(ds[0].label).toBe('face');
      expect(ds[0].score).toBeGreaterThan(0.75);
      const [x1, y1, x2, y2] = ds[0].box;
      // a face is a compact box, not the whole frame
      expect(x2 - x1).toBeLessThan(0.6);
      expect(y2 - y1).toBeLessThan(0.6);
    }
    const cx = (d: Detection) => (d.box[0] + d.box[2]) / 2;
    expect(cx(dets[1][0])).toBeLessThan(0.4);
    expect(cx(dets[3][0])).toBeGreaterThan(0.45);
    expect(cx(dets[3][0]) - cx(dets[1][0])).toBeGreaterThan(0.15);
  });

  it('cup.mp4 has no face: nothing reaches MediaPipe’s 0.75 face threshold there', async () => {
    const dets = await detectOn('blazeface-front', cupFrames, 0.75);
    expect(dets.flat()).toEqual([]);
  });
});
