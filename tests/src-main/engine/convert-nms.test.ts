// Conversions of an NMS-in-graph detector (the bundled SSD ONNX with NonMaxSuppression, Gather on its indices and
// int64 outputs appended: tests/support/ssd-relayout.ts 'nms-split'), real onnxruntime: fp16 keeps the int64
// outputs and the NMS / Gather-index inputs in their types; int8 and int8-weights keep the post-processing in
// float, so every output has the source's shape on the validation frames, and the variant replays by path.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { onnx } from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import catalog from '../../../models/catalog.json';
import { decodeOnnx } from '../../../src-main/formats/onnx/codec';
import { ssdAs } from '../../support/ssd-relayout';
import { useTempEngine } from './helpers';

const engine = useTempEngine();
const SSD = catalog.models.find((m) => m.id === 'ssd-mobilenet-v2-coco-onnx')!;
const FRAMES = 6;
let file = '';
let baseDetections = 0;

beforeAll(async () => {
  file = join(engine().dir, 'nms.onnx');
  await fs.writeFile(file, ssdAs('nms-split'));
  const meta = {
    task: 'detector',
    input: SSD.meta.input,
    decoder: { kind: 'detections', params: { boxes: 'boxes', scores: 'scores', classes: 'classes', count: 'count', boxOrder: 'yxyx', classIdOffset: 1 } },
    labels: 'coco90',
  };
  await fs.writeFile(join(engine().dir, 'nms.edgelab.json'), JSON.stringify(meta));
  baseDetections = (await engine().engine.replay({ model: file, clip: 'cup', frames: FRAMES })).detectionsPerFrame;
}, 120_000);

/** Element type and declared dims of each graph output. */
async function outputTypes(onnxFile: string): Promise<Record<string, [number, string]>> {
  const m = decodeOnnx(await fs.readFile(onnxFile), onnxFile);
  const dims = (o: onnx.IValueInfoProto) => (o.type!.tensorType!.shape?.dim ?? []).map((d) => d.dimParam || String(d.dimValue)).join(',');
  return Object.fromEntries(m.graph!.output!.map((o) => [o.name!, [o.type!.tensorType!.elemType!, dims(o)]]));
}

/** Op types writing the inputs of the NonMaxSuppression node (through the variant's graph). */
async function nmsInputProducers(onnxFile: string): Promise<string[]> {
  const m = decodeOnnx(await fs.readFile(onnxFile), onnxFile);
  const by = new Map(m.graph!.node!.flatMap((n) => (n.output ?? []).map((o) => [o, n.opType!] as const)));
  const nms = m.graph!.node!.find((n) => n.opType === 'NonMaxSuppression')!;
  return nms.input!.slice(0, 2).map((x) => by.get(x) ?? 'initializer');
}

describe('conversions of an NMS-in-graph model', () => {
  for (const to of ['fp16', 'int8-weights', 'int8'] as const) {
    it(`--to ${to}: converts, validates output by output with the source's shapes, keeps int64 outputs, replays by path`, async () => {
      const out = join(engine().dir, `nms-${to}.onnx`);
      const r = await engine().engine.convertModel({ model: file, to, out, frames: 4 });
      expect(r.validation?.frames).toBe(4);
      expect(r.validation!.perOutput!.map((o) => o.name).sort()).toEqual(['boxes', 'classes', 'count', 'scores']);
      // same element types (int64 classes/count) and declared shapes as the source
      expect(await outputTypes(out)).toEqual(await outputTypes(file));
      expect(Object.values(await outputTypes(out)).map((t) => t[0])).toEqual([1, 1, 7, 7]);
      // NMS reads float32 boxes and scores computed in float (never a DequantizeLinear or a float16 Cast)
      for (const p of await nmsInputProducers(out)) expect(p).not.toMatch(/DequantizeLinear|QuantizeLinear/);
      if (to === 'int8') expect(r.keptFloat.find((k) => k.name === 'post-processing')?.reason).toMatch(/after the last Conv\/Gemm\/MatMul/);
      // detections decoded from both models agree; no warning
      expect(r.validation!.detection!.referenceBoxes).toBeGreaterThan(0);
      expect(r.validation!.detection!.recall50).toBeGreaterThan(0.5);
      expect(r.warnings).toEqual([]);
      const run = await engine().engine.replay({ model: out, clip: 'cup', frames: FRAMES });
      expect(run.detectionsPerFrame).toBeGreaterThan(0.5 * baseDetections);
      const c = await engine().engine.compare({ baseline: (await engine().engine.replay({ model: file, clip: 'cup', frames: FRAMES })).id, variant: run.id });
      expect(c.detection.map50).toBeGreaterThan(0.5);
    }, 300_000);
  }
});
