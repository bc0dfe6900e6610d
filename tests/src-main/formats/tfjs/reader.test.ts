// The TF.js graph-model reader on the bundled real models, checked against model.json and the files.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tfjsReader } from '../../../../src-main/formats/tfjs/reader';
import { bundledModelsDir } from '../../../../src-main/models/catalog';

const model = (p: string) => join(bundledModelsDir(), p);

/** Independent recount from the raw JSON: Σ product(shape) over weightsManifest, and stored dtypes. */
async function manifestFacts(file: string) {
  const j = JSON.parse(await fs.readFile(file, 'utf8'));
  let params = 0;
  const dtypes: Record<string, number> = {};
  const shards: string[] = [];
  for (const g of j.weightsManifest) {
    shards.push(...g.paths.map((p: string) => join(file, '..', p)));
    for (const w of g.weights) {
      const n = w.shape.reduce((a: number, b: number) => a * b, 1);
      params += n;
      const dt = w.quantization?.dtype ?? w.dtype;
      dtypes[dt] = (dtypes[dt] ?? 0) + n;
    }
  }
  let size = (await fs.stat(file)).size;
  for (const s of shards) size += (await fs.stat(s)).size;
  return { params, dtypes, size, files: [file, ...shards] };
}

describe('tfjsReader.match', () => {
  it('matches model.json and graph-model JSON, not other files', () => {
    const enc = new TextEncoder();
    expect(tfjsReader.match(enc.encode('{}'), '/x/model.json')).toBe(true);
    expect(tfjsReader.match(enc.encode('{"format":"graph-model"}'), '/x/net.json')).toBe(true);
    expect(tfjsReader.match(enc.encode('{"a":1}'), '/x/other.json')).toBe(false);
    expect(tfjsReader.match(enc.encode('{"modelTopology":{}}'), '/x/m.onnx')).toBe(false);
    expect(tfjsReader.match(enc.encode('{"task":"detector"}'), '/x/model.edgelab.json')).toBe(false);
  });
});

describe('tfjsReader.inspect', () => {
  it('SSD-MobileNetV2 (no signature: Placeholder inputs, unconsumed outputs)', async () => {
    const f = model('ssd-mobilenet-v2-coco/model.json');
    const r = await tfjsReader.inspect(f);
    const facts = await manifestFacts(f);
    expect(r.format).toBe('tfjs-graph');
    // image_tensor is DT_UINT8 in the graph; TF.js feeds it as int32.
    expect(r.inputs).toEqual([{ name: 'image_tensor', shape: [-1, -1, -1, 3], dtype: 'int32' }]);
    expect(r.outputs.map((o) => o.name).sort()).toEqual(['Postprocessor/ExpandDims_1', 'Postprocessor/Slice']);
    expect(r.outputs.every((o) => o.dtype === 'float32')).toBe(true);
    expect(r.ops.Conv2D).toBe(55);
    expect(r.ops.DepthwiseConv2dNative).toBe(33);
    expect(r.ops.Const).toBeUndefined();
    expect(r.ops.Placeholder).toBeUndefined();
    expect(r.parameters).toBe(facts.params);
    expect(r.parameters).toBeGreaterThan(4_000_000);
    expect(r.weightDtypes).toEqual(facts.dtypes);
    expect(Object.keys(r.weightDtypes).sort()).toEqual(['float32', 'int32']);
    expect(r.sizeBytes).toBe(facts.size);
    expect(r.files).toEqual(facts.files);
    expect(r.files).toHaveLength(6);
  });

  it('CenterNet (signature, float16-quantized weights)', async () => {
    const f = model('centernet-mobilenet-v3-coco/centernet.json');
    const r = await tfjsReader.inspect(f);
    const facts = await manifestFacts(f);
    expect(r.inputs).toEqual([{ name: 'tower_0/images', shape: [1, 512, 512, 3], dtype: 'float32' }]);
    expect(r.outputs).toContainEqual({ name: 'tower_0/detections', shape: [1, 100, 6], dtype: 'float32' });
    expect(r.outputs).toHaveLength(3);
    expect(r.ops.Conv2D).toBeGreaterThan(0);
    expect(r.ops.DepthwiseConv2dNative).toBeGreaterThan(0);
    expect(r.parameters).toBe(facts.params);
    expect(r.weightDtypes.float16).toBeGreaterThan(1_000_000);
    expect(r.weightDtypes).toEqual(facts.dtypes);
    expect(r.sizeBytes).toBe(facts.size);
  });

  it('FaceRes embedder', async () => {
    const f = model('faceres/faceres.json');
    const r = await tfjsReader.inspect(f);
    const facts = await manifestFacts(f);
    expect(r.inputs).toEqual([{ name: 'input_1', shape: [-1, 224, 224, 3], dtype: 'float32' }]);
    expect(r.outputs).toContainEqual({ name: 'global_pooling/Mean', shape: [1, 1024], dtype: 'float32' });
    expect(r.ops.Conv2D).toBeGreaterThan(0);
    expect(r.parameters).toBe(facts.params);
    expect(r.sizeBytes).toBe(facts.size);
  });
});

describe('inspect growth (TF.js): per-op parameters, weight tensors, uint8 quantization parameters', () => {
  it('SSD float: convolutions hold the weights; a uint8 variant lists one affine entry per quantized weight', async () => {
    const ssd = join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json');
    const r = await tfjsReader.inspect(ssd);
    expect(r.weightTensors).toEqual({ float32: 239, int32: 23 });
    const conv = (r.opParameters!.Conv2D ?? 0) + (r.opParameters!.DepthwiseConv2dNative ?? 0);
    expect(conv).toBeGreaterThan(0.9 * r.parameters);
    expect(r.quantization).toEqual([]);
    const { uint8Tfjs } = await import('../../../../src-main/transforms/uint8-tfjs');
    const { tmpdir } = await import('node:os');
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-tfjs-reader-'));
    try {
      const v = await uint8Tfjs.apply({ source: ssd, outDir: dir, settings: {} }, { progress: () => {} });
      const q = (await tfjsReader.inspect(v.mainFile)).quantization!;
      expect(q).toHaveLength(239);
      for (const p of q) {
        expect(p).toMatchObject({ dtype: 'uint8', scheme: 'affine', channels: 1, role: 'weight' });
        expect(p.scale[0]).toBeGreaterThan(0);
        expect(typeof p.min).toBe('number');
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
