// CenterNet MobileNetV3 (the bundled TF.js detector, float16-stored weights) converted end to end: the
// transform's own check on real cup.mp4 frames, then an independent comparison here on other frames —
// heatmap max abs error, and the same top detections after the project's centernet-detections decoder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iou } from '../../../../src-shared/geometry/box';
import { bundledModelPath, findBundledModel, samplesDir } from '../../../../src-main/models/catalog';
import { decodeFrames } from '../../../../src-main/media/decode';
import { preprocess } from '../../../../src-main/pipeline/nodes/preprocess';
import { getDecoder } from '../../../../src-main/pipeline/decoders/registry';
import { onnxRuntime } from '../../../../src-main/runtimes/onnx-runtime';
import { tfjsRuntime } from '../../../../src-main/runtimes/tfjs-runtime';
import { tfjsToOnnx } from '../../../../src-main/transforms/tfjs-to-onnx/convert';
import type { TransformOutput } from '../../../../src-main/transforms/types';
import onnxProto from 'onnx-proto';

const source = findBundledModel('centernet-mobilenet-v3-coco')!;
let outDir = '';
let out: TransformOutput;
const stages = new Set<string>();

beforeAll(async () => {
  outDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-centernet-onnx-'));
  out = await tfjsToOnnx.apply({ source: bundledModelPath(source), outDir, settings: {} }, { progress: (p) => stages.add(p.stage) });
});
afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

describe('CenterNet TF.js → ONNX', () => {
  it('writes one opset-13 ONNX file with the TF.js input/output names and static shapes', async () => {
    expect(out.files).toEqual([out.mainFile]);
    expect(out.mainFile.endsWith('centernet.onnx')).toBe(true);
    const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(out.mainFile));
    expect(Number(m.opsetImport.find((o) => !o.domain)?.version)).toBe(13);
    expect(m.graph!.input!.map((v) => v.name)).toEqual(['tower_0/images']);
    expect(m.graph!.output!.map((v) => v.name).sort()).toEqual(['tower_0/detections', 'tower_0/keypoints', 'tower_0/wh']);
    expect(m.graph!.input![0].type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue))).toEqual([1, 512, 512, 3]);
    expect(out.settings?.convertedNodes).toBeGreaterThan(250);
    // NCHW interior: of the per-op Transposes only the input's and the head's (before its NHWC reshapes) stay.
    const t = out.settings?.transposes as { perOp: number; kept: number };
    expect(t.perOp).toBeGreaterThan(150);
    expect(t.kept).toBeLessThanOrEqual(4);
    expect(m.graph!.node!.filter((n) => n.opType === 'Transpose')).toHaveLength(t.kept);
    for (const s of ['onnx: plan', 'onnx: probe', 'onnx: emit', 'onnx: check']) expect(stages.has(s), s).toBe(true);
  });

  it("reports the check on 3 real frames: heatmap within 1e-4, detection rows within 0.05 px once near-tie swaps are matched", () => {
    const c = out.check!;
    expect(c.frames).toEqual([0, 25, 50]);
    expect(c.input).toMatch(/tower_0\/images NHWC float32 512×512 range \[0,255\] \(model metadata\)/);
    expect(c.outputs['tower_0/keypoints'].maxAbsError).toBeLessThan(1e-4);
    expect(c.outputs['tower_0/wh'].maxAbsError / c.outputs['tower_0/wh'].maxAbsReference).toBeLessThan(1e-3);
    expect(c.outputs['tower_0/detections'].rowMatchedMaxAbsError).toBeLessThan(0.05);
    expect(c.maxAbsErrorRowMatched).toBeLessThan(0.05);
  });

  it('gives the same top detections as TF.js on other real frames', async () => {
    const meta = source.meta;
    const decoder = getDecoder(meta.decoder!);
    const a = await tfjsRuntime.load(bundledModelPath(source));
    const b = await onnxRuntime.load(out.mainFile);
    let compared = 0;
    try {
      for await (const f of decodeFrames(join(samplesDir(), 'cup.mp4'), { maxFrames: 161 })) {
        if (f.index % 80 !== 0) continue;
        const feeds = { 'tower_0/images': preprocess(f.rgb, f.width, f.height, meta.input).tensor };
        const ra = await a.run(feeds, decoder.outputs);
        const rb = await b.run(feeds, decoder.outputs);
        const da = decoder.decode(ra, { scoreThreshold: 0.2 });
        const db = decoder.decode(rb, { scoreThreshold: 0.2 });
        expect(da.length, `frame ${f.index}`).toBeGreaterThan(0);
        expect(db.map((d) => d.classId)).toEqual(da.map((d) => d.classId));
        da.forEach((d, i) => {
          expect(Math.abs(db[i].score - d.score)).toBeLessThan(1e-4);
          expect(iou(db[i].box, d.box)).toBeGreaterThan(0.999);
        });
        compared++;
      }
    } finally {
      await a.dispose();
      await b.dispose();
    }
    expect(compared).toBe(3);
  });
});
