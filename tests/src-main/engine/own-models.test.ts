// Own models end to end through the engine (import → replay → compare), each described only by a sidecar
// `<stem>.edgelab.json` beside it: the bundled SSD ONNX re-encoded as a YOLOv8 export ([1, 4+C, N], pixels,
// `params: {}`) and as an NMS-in-graph model must replay to the bundled SSD's own boxes on cup.mp4.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import catalog from '../../../models/catalog.json';
import type { ModelMeta } from '../../../src-shared/types/model';
import type { RunSummary } from '../../../src-shared/formats/run';
import { ssdAs } from '../../support/ssd-relayout';
import { useTempEngine } from './helpers';

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
    await expect(engine().engine.replay({ model: typo, clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/unknown parameter params\.inputWidht/) });
    const wrong = await ownModel('wrong', ssdAs('yolo-v8'), { task: 'detector', input, decoder: { kind: 'yolo-v5' }, labels: 'coco90' });
    await expect(engine().engine.replay({ model: wrong, clip: 'cup', frames: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/output output0 has shape \[1, 95, 1917\]/) });
  }, 120_000);
});
