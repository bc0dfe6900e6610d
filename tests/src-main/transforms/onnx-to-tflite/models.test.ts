// The bundled ONNX detectors converted to TFLite float32 (the 'tflite' transform) and run in LiteRT.js against
// onnxruntime on real frames of samples/cup.mp4: every output's cosine ≥ 0.9999, max abs error printed; the layout
// handling leaves only the transposes the models need; names of inputs/outputs are the ONNX ones.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledModelPath, findBundledModel } from '../../../../src-main/models/catalog';
import { onnxToTflite } from '../../../../src-main/transforms/onnx-to-tflite/convert';
import { readTfliteModel } from '../../../../src-main/formats/tflite/read-model';

const MODELS = [
  { id: 'ssd-mobilenet-v2-coco-onnx', transposes: 2 },
  { id: 'centernet-mobilenet-v3-coco-onnx', transposes: 0 },
  { id: 'blazeface-front', transposes: 0 },
];

describe('bundled ONNX detectors → TFLite float32', () => {
  for (const m of MODELS) {
    it(`${m.id}: LiteRT.js agrees with onnxruntime on real frames`, async () => {
      const src = bundledModelPath(findBundledModel(m.id)!);
      const outDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-tflc-'));
      const t0 = Date.now();
      const res = await onnxToTflite.apply({ source: src, outDir, settings: {} }, { progress: () => {} });
      const ms = Date.now() - t0;
      const model = readTfliteModel(await fs.readFile(res.mainFile), res.mainFile);
      const size = (await fs.stat(res.mainFile)).size;
      console.log(m.id, JSON.stringify({ ms, size, settings: res.settings, check: res.check }));
      // relative to the output's scale (CenterNet's wh reach 273 px); top-k rows matched row to row (near-tie swaps)
      for (const [name, o] of Object.entries(res.check!.outputs)) expect((o.rowMatchedMaxAbsError ?? o.maxAbsError) / o.maxAbsReference, name).toBeLessThan(2e-4);
      expect(model.description).toMatch(/^EdgeLab onnx-to-tflite \d+ from /);
      expect(model.outputs.map((i) => model.tensors[i].name)).toEqual(Object.keys(res.check!.outputs));
      expect(model.operators.filter((o) => o.op === 'TRANSPOSE').length).toBeLessThanOrEqual(m.transposes);
    }, 300_000);
  }
});
