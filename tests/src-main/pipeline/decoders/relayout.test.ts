// Every new decoder on a real graph: the bundled SSD ONNX with its outputs re-encoded into the decoder's layout
// (tests/support/ssd-relayout.ts), run by onnxruntime on real frames of cup.mp4 through the real detect node
// (decoder → NMS → frame coordinates → labels). A correct decoder reproduces the SSD's own detections.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from '../../../../src-shared/formats/run';
import type { ModelMeta } from '../../../../src-shared/types/model';
import { TFOD_SSD_300, tfodSsdAnchors } from '../../../../src-main/pipeline/decoders/anchor-grid';
import { DetectNode } from '../../../../src-main/pipeline/nodes/detect';
import { preprocess } from '../../../../src-main/pipeline/nodes/preprocess';
import { runtimeFor } from '../../../../src-main/runtimes/registry';
import type { DecodedFrame } from '../../../../src-main/media/decode';
import { bundled, CUP, framesAt } from '../fixtures';
import { ssdAs, ssdGraphAnchors, TORCHVISION, type InputKind, type Layout } from '../../../support/ssd-relayout';

const settings = { scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 100 };
const SSD = bundled('ssd-mobilenet-v2-coco-onnx');
const INPUT = SSD.meta.input;

let dir = '';
let frames: DecodedFrame[] = [];
let reference: Detection[][] = [];

async function detectOn(path: string, meta: ModelMeta, on: DecodedFrame[] = frames): Promise<Detection[][]> {
  const model = await (await runtimeFor('onnx')).load(path);
  try {
    const node = new DetectNode(model, meta, settings);
    await node.open();
    const out: Detection[][] = [];
    for (const f of on) {
      const { tensor, transform } = preprocess(f.rgb, f.width, f.height, meta.input);
      const p = { frameIndex: f.index, timestampMs: f.ptsMs, payload: { frame: f, runDetector: true, input: tensor, transform, timings: { decodeMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } } };
      const [r] = await node.process(p);
      out.push(r.payload.detections!);
    }
    node.close();
    return out;
  } finally {
    await model.dispose();
  }
}

async function layoutFile(layout: Layout, input?: InputKind): Promise<string> {
  const f = join(dir, `${layout}${input ? `-${input}` : ''}.onnx`);
  await fs.writeFile(f, ssdAs(layout, input));
  return f;
}

/** Same detections as the SSD's: class, label, box (±tol of the frame) and score (±tol/10), best score first. */
function expectSame(got: Detection[][], want: Detection[][], tol = 1e-5): void {
  expect(got.map((f) => f.length)).toEqual(want.map((f) => f.length));
  for (let i = 0; i < want.length; i++) {
    const g = [...got[i]].sort((a, b) => b.score - a.score);
    const w = [...want[i]].sort((a, b) => b.score - a.score);
    for (let j = 0; j < w.length; j++) {
      expect([g[j].classId, g[j].label]).toEqual([w[j].classId, w[j].label]);
      expect(Math.abs(g[j].score - w[j].score)).toBeLessThan(tol / 10);
      for (let k = 0; k < 4; k++) expect(Math.abs(g[j].box[k] - w[j].box[k])).toBeLessThan(tol);
    }
  }
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-relayout-'));
  frames = await framesAt(CUP, [0, 60, 120]);
  reference = await detectOn(SSD.path, SSD.meta);
  // the reference is worth matching: boxes on every frame, row counts that differ between frames
  expect(reference.every((f) => f.length > 0)).toBe(true);
  expect(new Set(reference.map((f) => f.length)).size).toBeGreaterThan(1);
}, 60_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const meta = (decoder: ModelMeta['decoder']): ModelMeta => ({ task: 'detector', input: { ...INPUT }, decoder, labels: 'coco90' });

describe('new decoders reproduce the bundled SSD on layouts re-encoded from its outputs', () => {
  it('yolo-v8 [1, 4+C, N] (as exported), params {}: sizes from the input spec, the only output', async () => {
    expectSame(await detectOn(await layoutFile('yolo-v8'), meta({ kind: 'yolo-v8', params: {} })), reference);
  });
  it('yolo-v8 transposed [1, N, 4+C], output named', async () => {
    expectSame(await detectOn(await layoutFile('yolo-v8t'), meta({ kind: 'yolo-v8', params: { output: 'output0', classes: 91 } })), reference);
  });
  it('DETR-style [1, Q, 4+C] (RT-DETR: normalised cx, cy, w, h, sigmoid scores) is yolo-v8 with coordinates "normalized"', async () => {
    expectSame(await detectOn(await layoutFile('detr'), meta({ kind: 'yolo-v8', params: { coordinates: 'normalized' } })), reference);
  });
  it('yolo-v5 [1, N, 5+C]: score = objectness × class score', async () => {
    expectSame(await detectOn(await layoutFile('yolo-v5'), meta({ kind: 'yolo-v5' })), reference);
  });
  it('detections, split, NMS in the graph: [K, 4] yxyx normalised, [K] scores, [K] int64 classes (0-based), count', async () => {
    const d = { kind: 'detections', params: { boxes: 'boxes', scores: 'scores', classes: 'classes', count: 'count', boxOrder: 'yxyx', classIdOffset: 1 } };
    expectSame(await detectOn(await layoutFile('nms-split'), meta(d)), reference);
  });
  it('detections, split with the batch dim: [1, K, 4] xyxy in input pixels', async () => {
    const d = { kind: 'detections', params: { boxes: 'boxes', scores: 'scores', classes: 'classes', boxOrder: 'xyxy', coordinates: 'pixels', classIdOffset: 1 } };
    expectSame(await detectOn(await layoutFile('nms-split-batch'), meta(d)), reference);
  });
  it('detections, packed [1, K, 6] x1 y1 x2 y2 score class in pixels', async () => {
    const d = { kind: 'detections', params: { output: 'output0', columns: ['x1', 'y1', 'x2', 'y2', 'score', 'class'], coordinates: 'pixels' } };
    expectSame(await detectOn(await layoutFile('nms-packed'), meta(d)), reference);
  });
});

describe('ssd-anchors: the raw SSD head (encodings + logits) decoded against anchors', () => {
  const raw = { boxes: 'encodings', scores: 'logits', scoreActivation: 'sigmoid', background: 0 };
  it('anchors given as rows (the graph own float16 anchors), coding yxhw, sigmoid, background column 0', async () => {
    expectSame(await detectOn(await layoutFile('raw-ssd'), meta({ kind: 'ssd-anchors', params: { ...raw, anchors: ssdGraphAnchors(), coding: 'yxhw' } })), reference);
  });
  it('coding xywh (torchvision order), scales given in that order', async () => {
    const d = { kind: 'ssd-anchors', params: { ...raw, anchors: ssdGraphAnchors(), coding: 'xywh', scales: [10, 10, 5, 5] } };
    expectSame(await detectOn(await layoutFile('raw-ssd-xywh'), meta(d)), reference);
  });
  it('the generator behind "tfod-ssd-300" gives the graph anchors (float16-rounded) in the graph order', () => {
    const a = tfodSsdAnchors(TFOD_SSD_300);
    const g = ssdGraphAnchors();
    expect(a.length).toBe(g.length * 4);
    let worst = 0;
    g.forEach((row, i) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - a[i * 4 + k])))));
    expect(worst).toBeLessThan(5e-4); // float16 steps near 1 are 4.9e-4
  });
  it('the TF OD API anchor preset "tfod-ssd-300" reproduces the graph float16 anchors and its boxes', async () => {
    expectSame(await detectOn(await layoutFile('raw-ssd'), meta({ kind: 'ssd-anchors', params: { ...raw, anchors: 'tfod-ssd-300' } })), reference, 2e-3);
  });
  it('anchors of the wrong count: BAD_INPUT naming the output and the anchor count', async () => {
    const d = { kind: 'ssd-anchors', params: { ...raw, anchors: ssdGraphAnchors().slice(0, 1000) } };
    await expect(detectOn(await layoutFile('raw-ssd'), meta(d))).rejects.toThrow(/decoder ssd-anchors: output encodings has shape \[1, 1917, 4\], expected 1000 rows, one per anchor/);
  });
});

describe('input conventions: the graph undoes them, so the input spec must apply them exactly', () => {
  it('uint8 NHWC input (dtype uint8)', async () => {
    const m: ModelMeta = { ...meta({ kind: 'yolo-v8' }), input: { ...INPUT, name: 'images', dtype: 'uint8' } };
    expectSame(await detectOn(await layoutFile('yolo-v8', 'uint8'), m), reference);
  });
  it('torchvision NCHW: range [0, 1], then per-channel mean/std', async () => {
    const m: ModelMeta = { ...meta({ kind: 'yolo-v8' }), input: { ...INPUT, name: 'images', layout: 'NCHW', range: [0, 1], ...TORCHVISION } };
    expectSame(await detectOn(await layoutFile('yolo-v8', 'torchvision'), m), reference, 1e-3);
    // without mean/std the same model sees other pixels and finds other boxes
    const plain = await detectOn(await layoutFile('yolo-v8', 'torchvision'), { ...m, input: { ...m.input, mean: undefined, std: undefined } });
    expect(plain).not.toEqual(reference);
  });
});

describe('center-crop', () => {
  it('the SSD on the full frame center-cropped = the SSD stretched on the frame cut to its central square', async () => {
    // cup.mp4 is 640×480: center-crop to 300×300 scales by 300/480 and cuts 80 px each side, like resizing the
    // central 480×480 (same bilinear taps: both scale by 1.6)
    const cut = frames.map((f) => {
      const rgb = new Uint8Array(480 * 480 * 3);
      for (let y = 0; y < 480; y++) rgb.set(f.rgb.subarray((y * 640 + 80) * 3, (y * 640 + 560) * 3), y * 480 * 3);
      return { ...f, rgb, width: 480, height: 480 };
    });
    const want = await detectOn(SSD.path, SSD.meta, cut);
    const got = await detectOn(SSD.path, { ...SSD.meta, input: { ...INPUT, resize: 'center-crop' } });
    // map the cut frame's boxes to the full frame; compare inside the crop (the full-frame boxes may extend past it)
    const toFull = (d: Detection): Detection => ({ ...d, box: [(d.box[0] * 480 + 80) / 640, d.box[1], (d.box[2] * 480 + 80) / 640, d.box[3]] });
    const inCrop = (d: Detection): Detection => ({ ...d, box: [Math.max(d.box[0], 0.125), d.box[1], Math.min(d.box[2], 0.875), d.box[3]] });
    expect(want.some((f) => f.length > 0)).toBe(true);
    expectSame(got.map((f) => f.map(inCrop)), want.map((f) => f.map(toFull)), 1e-5);
  });
});

describe('a decoder that does not fit the outputs fails at open, naming the output and its shape', () => {
  it('yolo-v5 on a yolo-v8 layout; detections packed with the wrong column count; yolo-v8 on NMS outputs', async () => {
    const v8 = await layoutFile('yolo-v8');
    await expect(detectOn(v8, meta({ kind: 'yolo-v5' }))).rejects.toThrow(/decoder yolo-v5: output output0 has shape \[1, 95, 1917\], expected \[1, N, 5\+C\]/);
    const packed = await layoutFile('nms-packed');
    await expect(detectOn(packed, meta({ kind: 'detections', params: { output: 'output0', columns: ['x1', 'y1', 'x2', 'y2', 'score'] } }))).rejects.toThrow(
      /decoder detections: output output0 has shape \[1, \d+, 6\], expected \[1, N, 5\]/,
    );
    await expect(detectOn(packed, meta({ kind: 'yolo-v8', params: { classes: 80 } }))).rejects.toThrow(/decoder yolo-v8: output output0 has shape \[1, \d+, 6\], expected \[1, 84, N\] or \[1, N, 84\]/);
    const split = await layoutFile('nms-split');
    await expect(detectOn(split, meta({ kind: 'yolo-v8' }))).rejects.toThrow(/the model has 4 outputs \(boxes, scores, classes, count\): name one in params.output/);
  });
});
