// Simulated int8 for TF.js: exact fake-quant maths on a model built in the test, int8 per-channel kernels,
// tf.round ties-to-even on the wasm backend, the bundled SSD-MobileNetV2 end to end (stock loader, labelled
// simulated, names preserved for `layers`), and bad input.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { int8SimTfjs, isSimulatedModel } from '../../../src-main/transforms/int8-sim-tfjs';
import { planSimInt8 } from '../../../src-main/transforms/int8-sim-plan';
import { getTransform } from '../../../src-main/transforms/registry';
import { readTfjsWeights, floatValues } from '../../../src-main/transforms/tfjs-rewrite';
import { roundHalfEven } from '../../../src-main/transforms/affine-quant';
import { readModelJson } from '../../../src-main/formats/tfjs/manifest';
import { bundledModelsDir, findBundledModel, samplesDir } from '../../../src-main/models/catalog';
import { snrDb } from '../../../src-shared/metrics/tensor';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { ModelMeta } from '../../../src-shared/types/model';
import { decodeFrame, loadGraphModelFromDisk, useWasm } from './real-frame';
import { writeTfjsConvChain, type TfConvSpec } from '../../support/tfjs-build';

const SSD = join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json');
const CUP = join(samplesDir(), 'cup.mp4');
const TINY_META: ModelMeta = {
  task: 'embedder',
  input: { name: 'x', width: 16, height: 16, layout: 'NHWC', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' },
  embedding: { output: 'c3/BiasAdd', dims: 1024 },
};
const LAYERS: TfConvSpec[] = [
  { name: 'c1', shape: [3, 3, 3, 8], relu: true },
  { name: 'c2', shape: [3, 3, 8, 8], relu: true },
  { name: 'c3', shape: [1, 1, 8, 4] },
];

let scratch: string;
let tiny: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-int8sim-'));
  await useWasm();
  tiny = (await writeTfjsConvChain(join(scratch, 'tiny'), LAYERS, 16)).file;
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function convert(source: string, name: string, settings: Record<string, unknown>) {
  const outDir = join(scratch, name);
  await fs.mkdir(outDir);
  const res = await int8SimTfjs.apply({ source, outDir, settings }, { progress: () => {} });
  return { outDir, res };
}

it('is the registered int8 transform for TF.js', () => {
  expect(getTransform('int8', 'tfjs-graph')).toBe(int8SimTfjs);
});

it('tf.round on the wasm backend breaks ties to even (what the fake-quant Round node relies on)', async () => {
  const t = tf.round(tf.tensor1d([0.5, 1.5, 2.5, -0.5, -1.5, 3.4999]));
  expect(Array.from(await t.data())).toEqual([0, 2, 2, -0, -2, 3]);
  t.dispose();
});

describe('plan', () => {
  it('quantizes the end of each Conv→BiasAdd→Relu chain and the float input, fusing the rest', async () => {
    const m = await readModelJson(tiny);
    const p = planSimInt8(m.json.modelTopology.node ?? [], new Set());
    expect(p.activations.sort()).toEqual(['c1/Relu', 'c2/Relu', 'c3/BiasAdd', 'x'].sort());
    expect(p.kernels.map((k) => k.weight).sort()).toEqual(['c1/kernel', 'c2/kernel', 'c3/kernel']);
    expect(p.kept.find((k) => k.name === 'c1/Conv2D')?.reason).toMatch(/fused into BiasAdd/);
    const ex = planSimInt8(m.json.modelTopology.node ?? [], new Set(['c2/Relu', 'c2/Conv2D']));
    expect(ex.activations).not.toContain('c2/Relu');
    expect(ex.kernels.map((k) => k.weight)).not.toContain('c2/kernel');
  });
});

describe('model built in the test', () => {
  let res: Awaited<ReturnType<typeof convert>>['res'];
  beforeAll(async () => {
    ({ res } = await convert(tiny, 'tiny-sim', { meta: TINY_META, calibration: CUP, frames: 3 }));
  });

  it('labels itself simulated everywhere', async () => {
    expect(res.settings).toMatchObject({ simulated: true, method: 'minmax', calibrationFrames: 3, quantizedActivations: 4, quantizedKernels: 3 });
    expect(await isSimulatedModel(res.mainFile)).toBe(true);
    expect(await isSimulatedModel(tiny)).toBe(false);
  });

  it('kernels are int8 per output channel: ≤ 255 levels per channel, error ≤ half a step', async () => {
    const before = new Map((await readTfjsWeights(tiny)).weights.map((w) => [w.entry.name, floatValues(w)!]));
    const after = new Map((await readTfjsWeights(res.mainFile)).weights.map((w) => [w.entry.name, floatValues(w)!]));
    const w0 = before.get('c2/kernel')!;
    const w1 = after.get('c2/kernel')!;
    for (let c = 0; c < 8; c++) {
      const idx = Array.from({ length: w0.length / 8 }, (_, i) => i * 8 + c); // HWIO: channel is the last axis
      const absMax = Math.max(...idx.map((i) => Math.abs(w0[i])));
      const step = Math.fround(absMax / 127);
      for (const i of idx) {
        expect(Math.abs(w1[i] - w0[i])).toBeLessThanOrEqual(step / 2 + 1e-7);
        expect(Math.abs(w1[i] / step - Math.round(w1[i] / step))).toBeLessThan(1e-3); // on the int8 grid
      }
    }
    expect(after.get('c2/bias')).toEqual(before.get('c2/bias')); // bias left float (see the transform's note)
  });

  it('fake-quant output = (clamp(round(x/s), −zp, 255−zp))·s of the float value, with calibrated s', async () => {
    const w = new Map((await readTfjsWeights(res.mainFile)).weights.map((x) => [x.entry.name, floatValues(x)!]));
    const s = w.get('c1/Relu/edgelab_fq/scale')![0];
    const lo = w.get('c1/Relu/edgelab_fq/qmin')![0];
    const hi = w.get('c1/Relu/edgelab_fq/qmax')![0];
    expect(lo).toBe(-0); // Relu output: range starts at 0 → zero point 0
    expect(hi).toBe(255);
    const m = await loadGraphModelFromDisk(res.mainFile);
    const rgb = await decodeFrame(CUP, 16, 16);
    const x = tf.tensor4d(Float32Array.from(rgb, (v) => v / 255), [1, 16, 16, 3]);
    const [raw, fq] = m.execute(x, ['c1/Relu/edgelab_float', 'c1/Relu']) as tf.Tensor[];
    const r = (await raw.data()) as Float32Array;
    const q = (await fq.data()) as Float32Array;
    let exact = 0;
    for (let i = 0; i < r.length; i++) {
      const want = Math.fround(Math.min(hi, Math.max(lo, roundHalfEven(Math.fround(r[i] / s)))) * s);
      if (q[i] === want) exact++;
      expect(Math.abs(q[i] - r[i])).toBeLessThanOrEqual(s / 2 + 1e-6 + Math.max(0, r[i] - 255 * s));
    }
    expect(exact / r.length).toBeGreaterThan(0.999);
    tf.dispose([x, raw, fq]);
    m.dispose();
  });

  it('an excluded node keeps float activations and weights', async () => {
    const { res: r2 } = await convert(tiny, 'tiny-excl', { meta: TINY_META, calibration: CUP, frames: 1, exclude: ['c2/Relu', 'c2/Conv2D'] });
    const json = JSON.parse(await fs.readFile(r2.mainFile, 'utf8'));
    const names = new Set(json.modelTopology.node.map((n: { name: string }) => n.name));
    expect(names.has('c2/Relu/edgelab_fq/out')).toBe(false);
    expect(names.has('c2/Relu/edgelab_float')).toBe(false);
    expect(names.has('c1/Relu/edgelab_float')).toBe(true);
    expect(r2.keptFloat.map((k) => k.name).sort()).toEqual(['c2/Conv2D', 'c2/Relu']);
  });
});

describe('SSD-MobileNetV2', () => {
  it('loads in stock tfjs, keeps output names, and estimates the int8 degradation on a real frame', async () => {
    const meta = findBundledModel('ssd-mobilenet-v2-coco')!.meta;
    const { res } = await convert(SSD, 'ssd-sim', { meta, calibration: CUP, frames: 4 });
    expect(res.settings?.simulated).toBe(true);
    expect(res.settings?.quantizedKernels).toBe(88); // 55 Conv2D + 33 depthwise
    expect(res.settings?.estimatedInt8Bytes as number).toBeLessThan(0.3 * 17 * 2 ** 20);
    const rgb = await decodeFrame(CUP, 300, 300);
    const run = async (file: string) => {
      const m = await loadGraphModelFromDisk(file);
      const x = tf.tensor4d(Int32Array.from(rgb), [1, 300, 300, 3], 'int32');
      const o = (await m.executeAsync(x, ['Postprocessor/Slice', 'Postprocessor/ExpandDims_1'])) as tf.Tensor[];
      const d = { scores: (await o[0].data()) as Float32Array, boxes: (await o[1].data()) as Float32Array };
      tf.dispose([...o, x]);
      m.dispose();
      return d;
    };
    const a = await run(SSD);
    const b = await run(res.mainFile);
    const s = snrDb(a.scores, b.scores);
    console.log(`SSD simulated int8 (minmax, 4 frames) vs float32 on cup.mp4 frame 0: scores SNR ${s.toFixed(1)} dB, boxes SNR ${snrDb(a.boxes, b.boxes).toFixed(1)} dB`);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(200);
    expect(snrDb(a.boxes, b.boxes)).toBeGreaterThan(10);
  });
});

describe('bad input', () => {
  it('names unknown --exclude nodes, needs an input spec and a calibration source; leaves nothing', async () => {
    const outDir = join(scratch, 'bad');
    await fs.mkdir(outDir);
    const go = async (settings: Record<string, unknown>) =>
      (await int8SimTfjs.apply({ source: tiny, outDir, settings }, { progress: () => {} }).then(() => undefined, (e: unknown) => e)) as EdgeLabError;
    const e1 = await go({ meta: TINY_META, calibration: CUP, exclude: ['nope'] });
    expect(e1.code).toBe('BAD_INPUT');
    expect(e1.message).toMatch(/nope/);
    expect((await go({ calibration: CUP })).message).toMatch(/input spec/);
    expect((await go({ meta: TINY_META })).message).toMatch(/calibration/);
    expect((await go({ meta: TINY_META, calibration: CUP, targetSnrDb: 30 })).code).toBe('UNSUPPORTED');
    const e4 = await go({ meta: TINY_META, calibration: join(scratch, 'no-such-clip.mp4') });
    expect(e4.code).toBe('BAD_INPUT');
    expect(await fs.readdir(outDir)).toEqual([]);
  });
  it('CANCELLED mid-calibration leaves nothing', async () => {
    const outDir = join(scratch, 'cancel');
    await fs.mkdir(outDir);
    const ac = new AbortController();
    const e = (await int8SimTfjs
      .apply({ source: tiny, outDir, settings: { meta: TINY_META, calibration: CUP, frames: 50 } }, { signal: ac.signal, progress: (p) => (p.done ?? 0) >= 2 && ac.abort() })
      .then(() => undefined, (x: unknown) => x)) as EdgeLabError;
    expect(e.code).toBe('CANCELLED');
    expect(await fs.readdir(outDir)).toEqual([]);
  });
});
