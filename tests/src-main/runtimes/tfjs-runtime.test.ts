import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needsAsync } from '../../../src-main/formats/tfjs/graph';
import { tfjsRuntime } from '../../../src-main/runtimes/tfjs-runtime';
import { readTfjsModel } from '../../../src-main/formats/tfjs/io';
import { EdgeLabError } from '../../../src-shared/protocol';

const MODELS = join(process.cwd(), 'models');
const SSD = join(MODELS, 'ssd-mobilenet-v2-coco/model.json');
const FACERES = join(MODELS, 'faceres/faceres.json');

describe('tfjsRuntime', () => {
  it('uses the wasm backend here (tfjs-node is absent and its import fails gracefully)', async () => {
    const a = await tfjsRuntime.availability();
    expect(a.available).toBe(true);
    expect(a.backend).toBe('wasm');
    expect(a.detail).toMatch(/tfjs-node unavailable/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('a string weight declaring 2e9 elements over a 5-byte shard is BAD_INPUT at load, in well under 20 s', { timeout: 20_000 }, async () => {
    const bomb = join(process.cwd(), 'tests/fixtures/bad/models/string-bomb/model.json');
    const e = await readTfjsModel(bomb).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EdgeLabError);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e as EdgeLabError).message).toMatch(/string weight of 2000000000 elements runs past the end of its shards \(5 bytes\)/);
    expect((e as EdgeLabError).message).toContain(bomb);
  });

  it('SSD needs executeAsync, FaceRes does not', async () => {
    expect(needsAsync((await readTfjsModel(SSD)).json.modelTopology)).toBe(true);
    expect(needsAsync((await readTfjsModel(FACERES)).json.modelTopology)).toBe(false);
  });

  it('runs SSD (executeAsync) and releases every tensor', async () => {
    await tfjsRuntime.availability();
    const baseline = tf.memory().numTensors;
    const m = await tfjsRuntime.load(SSD);
    expect(m.backend).toBe('wasm');
    const data = new Int32Array(300 * 300 * 3).map((_, i) => (i * 7) % 256);
    const afterLoad = tf.memory().numTensors;
    const out = await m.run({ image_tensor: { data, shape: [1, 300, 300, 3], dtype: 'int32' } }, [
      'Postprocessor/Slice',
      'Postprocessor/ExpandDims_1',
    ]);
    expect(out['Postprocessor/Slice'].shape).toEqual([1, 1917, 90]);
    expect(out['Postprocessor/ExpandDims_1'].shape).toEqual([1, 1917, 1, 4]);
    expect(tf.memory().numTensors).toBe(afterLoad);
    await m.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('runs FaceRes (execute) to a 1024-d vector', async () => {
    const m = await tfjsRuntime.load(FACERES);
    const data = new Float32Array(224 * 224 * 3).fill(0.5);
    const out = await m.run({ input_1: { data, shape: [1, 224, 224, 3], dtype: 'float32' } });
    const v = out['global_pooling/Mean'];
    expect(v.shape).toEqual([1, 1024]);
    expect(Array.from(v.data).some((x) => x !== 0)).toBe(true);
    await m.dispose();
  });

  it('a broken model.json → BAD_INPUT naming the file', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-tfjs-'));
    const bad = join(dir, 'model.json');
    await fs.writeFile(bad, '{"format":"graph-model"');
    const err = await tfjsRuntime.load(bad).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(bad);
    await fs.writeFile(bad, JSON.stringify({ modelTopology: { node: [] }, weightsManifest: [{ paths: ['missing.bin'], weights: [] }] }));
    const err2 = await tfjsRuntime.load(bad).catch((e) => e);
    expect(err2.code).toBe('BAD_INPUT');
    expect(err2.message).toContain('missing.bin');
    await fs.rm(dir, { recursive: true, force: true });
  });
});
