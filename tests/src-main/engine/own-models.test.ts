// Own models end to end through the engine (import → replay → compare), each described only by a sidecar
// `<stem>.edgelab.json` beside it: the bundled SSD ONNX re-encoded as a YOLOv8 export ([1, 4+C, N], pixels,
// `params: {}`) and as an NMS-in-graph model must replay to the bundled SSD's own boxes on cup.mp4.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import catalog from '../../../models/catalog.json';
import { COCO90 } from '../../../src-shared/class-names';
import type { ModelMeta } from '../../../src-shared/types/model';
import type { RunSummary } from '../../../src-shared/formats/run';
import { ssdAs, ssdGraphAnchors } from '../../support/ssd-relayout';
import { REPO, useTempEngine } from './helpers';

const engine = useTempEngine();
const SSD = catalog.models.find((m) => m.id === 'ssd-mobilenet-v2-coco-onnx')!;
const FRAMES = 12;

async function ownModel(stem: string, bytes: Uint8Array, meta: unknown): Promise<string> {
  const file = join(engine().dir, `${stem}.onnx`);
  await fs.writeFile(file, bytes);
  await fs.writeFile(join(engine().dir, `${stem}.edgelab.json`), JSON.stringify(meta, null, 2));
  return file;
}

let base: RunSummary;
beforeAll(async () => {
  base = await engine().engine.replay({ model: SSD.id, clip: 'cup', frames: FRAMES });
}, 120_000);

describe('own models described by a sidecar', () => {
  it('a YOLOv8-layout ONNX with decoder { kind: "yolo-v8", params: {} } replays, by path, to the bundled SSD boxes; compare finds no drop', async () => {
    const meta: ModelMeta = { task: 'detector', input: SSD.meta.input as ModelMeta['input'], decoder: { kind: 'yolo-v8', params: {} }, labels: 'coco90' };
    const file = await ownModel('my-yolo', ssdAs('yolo-v8'), meta);
    const run = await engine().engine.replay({ model: file, clip: 'cup', frames: FRAMES });
    const [a, b] = [await engine().engine.getRun({ run: base.id }), await engine().engine.getRun({ run: run.id })];
    expect(base.detectionsPerFrame).toBeGreaterThan(0);
    for (let i = 0; i < FRAMES; i++) {
      expect(b.frames[i].detections.map((d) => d.label)).toEqual(a.frames[i].detections.map((d) => d.label));
      b.frames[i].detections.forEach((d, j) => d.box.forEach((v, k) => expect(Math.abs(v - a.frames[i].detections[j].box[k])).toBeLessThan(1e-5)));
    }
    const c = await engine().engine.compare({ baseline: base.id, variant: run.id });
    expect(c.detection.map50).toBeCloseTo(1, 6);
    expect(c.detection.recall).toBeCloseTo(1, 6);
  }, 120_000);

  it('an NMS-in-graph model (split boxes/scores/classes/count, int64 outputs) replays to the same boxes', async () => {
    const meta = {
      task: 'detector',
      input: SSD.meta.input,
      decoder: { kind: 'detections', params: { boxes: 'boxes', scores: 'scores', classes: 'classes', count: 'count', boxOrder: 'yxyx', classIdOffset: 1 } },
      labels: 'coco90',
    };
    const file = await ownModel('my-nms', ssdAs('nms-split'), meta);
    const run = await engine().engine.replay({ model: file, clip: 'cup', frames: FRAMES });
    expect(run.detectionsPerFrame).toBeCloseTo(base.detectionsPerFrame, 9);
    const c = await engine().engine.compare({ baseline: base.id, variant: run.id });
    expect(c.detection.map50).toBeCloseTo(1, 6);
  }, 120_000);

  it('a typo in the sidecar decoder params, or a decoder that does not fit the outputs, is BAD_INPUT before any frame', async () => {
    const input = SSD.meta.input;
    const typo = await ownModel('typo', ssdAs('yolo-v8'), { task: 'detector', input, decoder: { kind: 'yolo-v8', params: { inputWidht: 320 } }, labels: 'coco90' });
    // checked when the metadata loads: inspect and import name the sidecar
    await expect(engine().engine.inspectModel({ model: typo })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/sidecar: decoder yolo-v8: unknown parameter params\.inputWidht/) });
    await expect(engine().engine.replay({ model: typo, clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/unknown parameter params\.inputWidht/) });
    const wrong = await ownModel('wrong', ssdAs('yolo-v8'), { task: 'detector', input, decoder: { kind: 'yolo-v5' }, labels: 'coco90' });
    await expect(engine().engine.replay({ model: wrong, clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/output output0 has shape \[1, 95, 1917\]/) });
  }, 120_000);

  it('a raw-SSD-layout model (encodings + logits) with anchors in a JSON file beside the sidecar replays to the SSD boxes; compare finds no drop', async () => {
    await fs.writeFile(join(engine().dir, 'anchors.json'), JSON.stringify(ssdGraphAnchors()));
    const decoder = { kind: 'ssd-anchors', params: { boxes: 'encodings', scores: 'logits', anchors: 'anchors.json', coding: 'yxhw', scoreActivation: 'sigmoid', background: 0 } };
    const file = await ownModel('my-raw-ssd', ssdAs('raw-ssd'), { task: 'detector', input: SSD.meta.input, decoder, labels: 'coco90' });
    const run = await engine().engine.replay({ model: file, clip: 'cup', frames: FRAMES });
    expect(run.detectionsPerFrame).toBeCloseTo(base.detectionsPerFrame, 9);
    const c = await engine().engine.compare({ baseline: base.id, variant: run.id });
    expect(c.detection.map50).toBeCloseTo(1, 6);
    expect(c.detection.recall).toBeCloseTo(1, 6);
    // a missing anchors file is BAD_INPUT naming it
    const bad = await ownModel('no-anchors', ssdAs('raw-ssd'), { task: 'detector', input: SSD.meta.input, decoder: { ...decoder, params: { ...decoder.params, anchors: 'missing.json' } }, labels: 'coco90' });
    await expect(engine().engine.replay({ model: bad, clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/anchors "missing.json" is neither a preset/) });
  }, 120_000);

  it('labels from a file beside the sidecar; a labels file with fewer names than the classes is BAD_INPUT at load', async () => {
    await fs.writeFile(join(engine().dir, 'names.txt'), COCO90.join('\n') + '\n');
    const input = SSD.meta.input;
    const file = await ownModel('labelled', ssdAs('yolo-v8'), { task: 'detector', input, decoder: { kind: 'yolo-v8' }, labels: 'names.txt' });
    const run = await engine().engine.replay({ model: file, clip: 'cup', frames: 3 });
    const [a, b] = [await engine().engine.getRun({ run: base.id }), await engine().engine.getRun({ run: run.id })];
    expect(b.frames.map((f) => f.detections.map((d) => d.label))).toEqual(a.frames.slice(0, 3).map((f) => f.detections.map((d) => d.label)));
    await fs.writeFile(join(engine().dir, 'short.txt'), COCO90.slice(1, 81).join('\n'));
    const short = await ownModel('short', ssdAs('yolo-v8'), { task: 'detector', input, decoder: { kind: 'yolo-v8' }, labels: 'short.txt' });
    await expect(engine().engine.replay({ model: short, clip: 'cup', frames: 2 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/labels: 80 names, but output output0 \[1, 95, 1917\] gives class ids up to 90/),
    });
  }, 120_000);

  it('without metadata, inspect lists the decoder layouts that fit and replay says to add a sidecar', async () => {
    const file = join(engine().dir, 'bare.onnx');
    await fs.writeFile(file, ssdAs('yolo-v8'));
    const info = await engine().engine.inspectModel({ model: file });
    expect(info.meta).toBeUndefined();
    expect(info.decoderFits).toEqual(['yolo-v8: output0 [1, 95, 1917] (C = 91)']);
    await expect(engine().engine.replay({ model: file, clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/add a sidecar <model>\.edgelab\.json/) });
  });

  it('a sidecar that is not JSON is BAD_INPUT naming it', async () => {
    const file = join(engine().dir, 'broken.onnx');
    await fs.writeFile(file, ssdAs('yolo-v8'));
    await fs.writeFile(join(engine().dir, 'broken.edgelab.json'), '{ task: detector');
    await expect(engine().engine.replay({ model: file, clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/sidecar is not valid JSON/) });
  });

  it('an Ultralytics export needs no sidecar: metadata_props give labels, imgsz, yolo-v8 and letterbox pad 114', async () => {
    const names = `{${COCO90.map((n, i) => `${i}: '${n}'`).join(', ')}}`;
    const file = join(engine().dir, 'yolo-export.onnx');
    await fs.writeFile(file, ssdAs('yolo-v8', 'nchw01', { names, imgsz: '[300, 300]', stride: '32', task: 'detect', author: 'Ultralytics' }));
    const info = await engine().engine.inspectModel({ model: file });
    expect(info.meta?.decoder?.kind).toBe('yolo-v8');
    expect(info.meta?.input).toMatchObject({ width: 300, height: 300, layout: 'NCHW', range: [0, 1], resize: 'letterbox', padValue: 114 });
    expect(info.meta?.labels).toEqual([...COCO90]);
    const run = await engine().engine.replay({ model: file, clip: 'cup', frames: 4 });
    // imported into the workspace, it keeps that metadata (replay by workspace id)
    const imported = await engine().engine.importModel({ source: file });
    expect(imported.meta?.decoder?.kind).toBe('yolo-v8');
    expect(imported.meta?.input.padValue).toBe(114);
    const byId = await engine().engine.replay({ model: imported.id, clip: 'cup', frames: 4 });
    expect(byId.detectionsPerFrame).toBeCloseTo(run.detectionsPerFrame, 9);
    // reference: the bundled SSD letterboxed the same way (pad 114), by a sidecar on a copy
    const ref = join(engine().dir, 'ssd-letterbox.onnx');
    await fs.copyFile(join(REPO, 'models', SSD.path), ref);
    await fs.writeFile(join(engine().dir, 'ssd-letterbox.edgelab.json'), JSON.stringify({ ...SSD.meta, input: { ...SSD.meta.input, resize: 'letterbox', padValue: 114 } }));
    const want = await engine().engine.replay({ model: ref, clip: 'cup', frames: 4 });
    const [a, b] = [await engine().engine.getRun({ run: want.id }), await engine().engine.getRun({ run: run.id })];
    expect(a.frames.some((f) => f.detections.length > 0)).toBe(true);
    for (let i = 0; i < 4; i++) {
      expect(b.frames[i].detections.map((d) => d.label)).toEqual(a.frames[i].detections.map((d) => d.label));
      b.frames[i].detections.forEach((d, j) => d.box.forEach((v, k) => expect(Math.abs(v - a.frames[i].detections[j].box[k])).toBeLessThan(1e-4)));
    }
  }, 120_000);
});
