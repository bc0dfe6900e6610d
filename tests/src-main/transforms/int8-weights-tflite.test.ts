// Dynamic-range int8 of a .tflite (transforms/int8-weights-tflite.ts) on real models: int8 symmetric per-channel
// weights (zero point 0; quantized_dimension 0 for CONV_2D / FULLY_CONNECTED, 3 for DEPTHWISE_CONV_2D), float32
// biases and activations, op versions of TFLite's hybrid kernels (CONV_2D 5, DEPTHWISE_CONV_2D 6, FULLY_CONNECTED
// 12, as TF 2.21 writes them); LiteRT.js runs them and agrees with the float32 file (cosine ≥ 0.999); size ≈ 0.3×.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { silentJob } from '../../../src-main/jobs/context';
import { int8WeightsTflite, quantizeWeightsTflite } from '../../../src-main/transforms/int8-weights-tflite';
import { getTransform } from '../../../src-main/transforms/registry';
import { readTfliteModel } from '../../../src-main/formats/tflite/read-model';
import { serializeTflite, writeTfliteAtomic } from '../../../src-main/formats/tflite/writer';
import { cosine, imageFill, runTflite, smallConvNet } from '../../support/tflite-build';

const FIX = join(process.cwd(), 'tests/fixtures/tflite');
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-i8w-tflite-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function worstCosine(src: string, out: string, fill: (i: number) => number, bytes?: Uint8Array): Promise<number> {
  const a = await runTflite(src, fill);
  const b = await runTflite(out, fill, bytes);
  let worst = 1;
  for (const k of Object.keys(a)) worst = Math.min(worst, cosine(a[k].data, b[k].data));
  return worst;
}

describe('int8-weights of a .tflite', () => {
  it('is the registry transform for (int8-weights, tflite)', () => expect(getTransform('int8-weights', 'tflite')).toBe(int8WeightsTflite));

  it('conv net: per-channel int8 weights, hybrid op versions, float biases; cosine ≥ 0.999; size ≤ 0.31×', async () => {
    const src = join(dir, 'net.tflite');
    const f32 = await writeTfliteAtomic(src, smallConvNet());
    const outDir = await fs.mkdtemp(join(dir, 'out-'));
    const res = await int8WeightsTflite.apply({ source: src, outDir, settings: {} }, silentJob);
    const bytes = new Uint8Array(await fs.readFile(res.mainFile));
    const m = readTfliteModel(bytes, res.mainFile);
    const byName = (n: string) => m.tensors.find((t) => t.name === n)!;
    for (const [w, channels, dim] of [['conv2/w', 96, 0], ['pw1/w', 192, 0], ['skip/w', 192, 0], ['fc/w', 64, 0]] as const) {
      const t = byName(w);
      expect(t.type, w).toBe('int8');
      expect(t.quant!.scale.length, w).toBe(channels);
      expect(t.quant!.zeroPoint.every((z) => z === 0), w).toBe(true);
      expect(t.quant!.quantizedDimension ?? 0, w).toBe(dim);
    }
    expect(byName('conv1/w').type).toBe('float32'); // 864 weights < 1024: float, as TF's quantizer keeps it
    expect(byName('dw1/w').type).toBe('float32'); // 864 weights
    expect(m.tensors.filter((t) => t.name.endsWith('/b')).every((t) => t.type === 'float32')).toBe(true);
    expect(m.operators.map((o) => `${o.op}:${o.version}`)).toEqual(['CONV_2D:1', 'CONV_2D:5', 'DEPTHWISE_CONV_2D:2', 'CONV_2D:5', 'CONV_2D:5', 'ADD:1', 'MEAN:1', 'FULLY_CONNECTED:12']);
    expect(m.operators.at(-1)!.options).toMatchObject({ asymmetric_quantize_inputs: true });
    expect(res.keptFloat.map((k) => k.name)).toEqual(['activations', 'conv1/w', 'dw1/w']);
    expect(res.settings).toMatchObject({ weights: 'int8 symmetric per-channel', quantizedWeights: 4 });
    const ratio = bytes.length / f32.length;
    console.log(`int8-weights conv net: ${f32.length} → ${bytes.length} bytes (${ratio.toFixed(3)}×)`);
    expect(ratio).toBeLessThanOrEqual(0.31);
    const c = await worstCosine(src, res.mainFile, imageFill);
    console.log(`int8-weights conv net vs float32 (LiteRT.js): cosine ${c}`);
    expect(c).toBeGreaterThanOrEqual(0.999);
  });

  it('DEPTHWISE_CONV_2D weights are per-channel along dimension 3 (every weight quantized when the size floor is 0)', async () => {
    const src = join(dir, 'net0.tflite');
    await writeTfliteAtomic(src, smallConvNet(3));
    const m = readTfliteModel(new Uint8Array(await fs.readFile(src)), src);
    const { quantized } = quantizeWeightsTflite(m, new Set(), silentJob, 0);
    expect(quantized.sort()).toEqual(['conv1/w', 'conv2/w', 'dw1/w', 'fc/w', 'pw1/w', 'skip/w']);
    const dw = m.tensors.find((t) => t.name === 'dw1/w')!;
    expect(dw.quant).toMatchObject({ quantizedDimension: 3 });
    expect(dw.quant!.scale.length).toBe(96);
    expect(m.operators.find((o) => o.op === 'DEPTHWISE_CONV_2D')!.version).toBe(6);
    const c = await worstCosine(src, 'net0-i8w.tflite', imageFill, serializeTflite(m));
    console.log(`int8-weights (all weights) conv net: cosine ${c}`);
    expect(c).toBeGreaterThanOrEqual(0.999);
  });

  it('--exclude keeps a named op (its output tensor) or weight float32', async () => {
    const src = join(dir, 'net-x.tflite');
    await writeTfliteAtomic(src, smallConvNet());
    const outDir = await fs.mkdtemp(join(dir, 'out-'));
    const res = await int8WeightsTflite.apply({ source: src, outDir, settings: { exclude: ['pw1', 'fc/w'] } }, silentJob);
    const m = readTfliteModel(new Uint8Array(await fs.readFile(res.mainFile)), res.mainFile);
    expect(m.tensors.filter((t) => t.type === 'int8').map((t) => t.name).sort()).toEqual(['conv2/w', 'skip/w']);
    expect(res.keptFloat).toEqual(expect.arrayContaining([{ name: 'pw1/w', reason: 'excluded by --exclude' }, { name: 'fc/w', reason: 'excluded by --exclude' }]));
    expect(m.operators.find((o) => m.tensors[o.outputs[0]].name === 'pw1')!.version).toBe(1);
  });

  for (const f of ['hello_world_float.tflite', 'tiny_embedder_float.tflite', 'tiny_ssd_postprocess.tflite']) {
    it(`${f} (TF converter file, every CONV_2D / FULLY_CONNECTED weight quantized): cosine ≥ 0.999 in LiteRT.js`, async () => {
      const src = join(FIX, f);
      const m = readTfliteModel(new Uint8Array(await fs.readFile(src)), src);
      const { quantized } = quantizeWeightsTflite(m, new Set(), silentJob, 0);
      expect(quantized.length).toBeGreaterThan(0);
      const fill = f.startsWith('hello') ? () => Math.PI / 3 : imageFill;
      const c = await worstCosine(src, `${f}-i8w`, fill, serializeTflite(m));
      console.log(`int8-weights ${f}: ${quantized.length} weights, cosine ${c}`);
      expect(c).toBeGreaterThanOrEqual(0.999);
    });
  }
});
