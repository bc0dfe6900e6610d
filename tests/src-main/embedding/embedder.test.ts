// The MobileNetV2 feature embedder (inner node of the bundled SSD graph, mean-pooled) on real crops of cup.mp4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cropRgb } from '../../../src-main/embedding/crop';
import { preprocess } from '../../../src-main/pipeline/nodes/preprocess';
import { runtimeFor } from '../../../src-main/runtimes/registry';
import type { ModelMeta } from '../../../src-shared/types/model';
import { convChain } from '../../support/onnx-build';
import { openEmbedder, poolOutput, type Embedder } from '../../../src-main/embedding/embedder';
import type { DecodedFrame } from '../../../src-main/media/decode';
import { bundled, CUP, framesAt } from '../pipeline/fixtures';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

let emb: Embedder;
let frames: DecodedFrame[];
beforeAll(async () => {
  const b = bundled('ssd-mobilenet-v2-features');
  emb = await openEmbedder(b.path, b.format, b.meta);
  frames = await framesAt(CUP, [100, 103, 200]);
}, 60_000);
afterAll(async () => {
  await emb?.dispose();
});

describe('openEmbedder (ssd-mobilenet-v2-features)', () => {
  it('gives a deterministic L2-normalised 1280-d vector; the same region in nearby frames is closer than another region', async () => {
    expect(emb.dims).toBe(1280);
    const region = cropRgb(frames[0], [0.3, 0.2, 0.7, 0.8])!;
    const a = await emb.embed(region);
    const a2 = await emb.embed(region);
    expect(a).toHaveLength(1280);
    expect(a2).toEqual(a);
    expect(Math.abs(dot(a, a) - 1)).toBeLessThan(1e-4);
    expect(a.every((x) => x >= 0)).toBe(true); // mean of ReLU6 features
    const near = await emb.embed(cropRgb(frames[1], [0.3, 0.2, 0.7, 0.8])!);
    const other = await emb.embed(cropRgb(frames[0], [0, 0, 0.25, 0.3])!);
    expect(dot(a, near)).toBeGreaterThan(dot(a, other));
    expect(dot(a, near)).toBeGreaterThan(0.9);
  });

  it('BAD_INPUT naming the file when the metadata does not fit the model', async () => {
    const b = bundled('ssd-mobilenet-v2-features');
    const wrongDims = { ...b.meta, embedding: { ...b.meta.embedding!, dims: 1000 } };
    const e1 = await openEmbedder(b.path, b.format, wrongDims).catch((e) => e);
    expect([e1.code, e1.file]).toEqual(['BAD_INPUT', b.path]);
    expect(e1.message).toMatch(/1000/);
    const detector = bundled('ssd-mobilenet-v2-coco');
    const e2 = await openEmbedder(detector.path, detector.format, detector.meta).catch((e) => e);
    expect([e2.code, e2.file]).toEqual(['BAD_INPUT', detector.path]);
  });

  it('poolOutput averages an NHWC map over space, or passes a vector through', () => {
    const t = { data: Float32Array.from([1, 10, 3, 30, 5, 50, 7, 70]), shape: [1, 2, 2, 2], dtype: 'float32' as const };
    expect(Array.from(poolOutput(t, 2, 'mean'))).toEqual([4, 40]);
    expect(() => poolOutput(t, 2, 'none')).toThrow(/8 values/);
  });

  it('an own torchvision-style embedder: NCHW input with mean/std, NCHW feature map [1, D, h, w] mean-pooled', async () => {
    // convChain: x [1, 3, 16, 16] → conv 3→8 (relu) → y [1, 8, 16, 16]
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-embed-'));
    try {
      const file = join(dir, 'own.onnx');
      await fs.writeFile(file, convChain([{ name: 'c1', shape: [8, 3, 3, 3], relu: true }], 16));
      const meta: ModelMeta = {
        task: 'embedder',
        input: { width: 16, height: 16, layout: 'NCHW', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
        embedding: { output: 'y', dims: 8, pool: 'mean' },
      };
      const e = await openEmbedder(file, 'onnx', meta);
      const img = { rgb: frames[0].rgb, width: frames[0].width, height: frames[0].height };
      const v = await e.embed(img);
      await e.dispose();
      // the same by hand: preprocess, run, mean of each channel plane, L2-normalise
      const model = await (await runtimeFor('onnx')).load(file);
      const y = (await model.run({ x: preprocess(img.rgb, img.width, img.height, meta.input).tensor }))['y'];
      await model.dispose();
      const want = Array.from({ length: 8 }, (_, k) => Array.from(y.data.slice(k * 256, (k + 1) * 256)).reduce((a, b) => a + b, 0) / 256);
      const norm = Math.hypot(...want);
      expect(v).toHaveLength(8);
      want.forEach((w, k) => expect(v[k]).toBeCloseTo(w / norm, 5));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
