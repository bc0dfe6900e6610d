// Full-integer int8 .tflite (transforms/int8-tflite.ts) end to end on the test conv net written by EdgeLab's writer:
// calibrated in LiteRT.js on real frames of samples/cup.mp4, written, read back and run in LiteRT.js against the
// float32 file on other real frames (SNR, cosine printed); size; the tensors really are int8; --exclude; no temp
// files left; bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { int8Tflite } from '../../../src-main/transforms/int8-tflite';
import { getTransform } from '../../../src-main/transforms/registry';
import { writeTfliteAtomic } from '../../../src-main/formats/tflite/writer';
import { readTfliteModel } from '../../../src-main/formats/tflite/read-model';
import { calibrationFrames, openCalibrationSource } from '../../../src-main/calibration/reader';
import { samplesDir } from '../../../src-main/models/catalog';
import { silentJob } from '../../../src-main/jobs/context';
import { tfliteRuntime } from '../../../src-main/runtimes/tflite-runtime';
import type { HostTensor } from '../../../src-main/runtimes/types';
import type { ModelMeta } from '../../../src-shared/types/model';
import { addTensor, float32Const, float32Data, type TfliteModel } from '../../../src-main/formats/tflite/model-ir';
import { encodeFloat16 } from '../../../src-main/formats/half';
import { cosine, snrDb } from '../../../src-shared/metrics/tensor';
import { CONVNET_INPUT, tfliteConvNet } from '../../support/tflite-convnet';

const CUP = join(samplesDir(), 'cup.mp4');
/** The conv net's tail after its last convs (MEAN → LOGISTIC, RESHAPE) stays float32 by default. */
const POST = { name: 'post-processing', reason: expect.stringMatching(/^3 op\(s\) after the last CONV_2D/) };
const META = { task: 'detector', input: CONVNET_INPUT } as unknown as ModelMeta;

let scratch: string;
let float32: string;
let made: Awaited<ReturnType<typeof int8Tflite.apply>>;
/** Frames 16..23 of the clip (calibration reads frames 0..15). */
let validation: HostTensor[] = [];

async function outDir(name: string): Promise<string> {
  const d = join(scratch, name);
  await fs.mkdir(d);
  return d;
}


beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-int8-tflite-'));
  float32 = join(scratch, 'convnet.tflite');
  await writeTfliteAtomic(float32, tfliteConvNet());
  let k = 0;
  for await (const f of calibrationFrames(await openCalibrationSource(CUP), CONVNET_INPUT, 24)) if (k++ >= 16) validation.push(f.tensor);
  // The transform runs with its own empty TMPDIR: calibration leaves no temporary file behind.
  const tmp = await outDir('tmp');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    made = await int8Tflite.apply({ source: float32, outDir: await outDir('int8'), settings: { meta: META, calibration: CUP, frames: 16 } }, silentJob);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  expect(await fs.readdir(tmp)).toEqual([]);
}, 120_000);
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('int8 .tflite (full integer, float I/O)', () => {
  it('is the registered int8 transform for tflite and writes one file', async () => {
    expect(getTransform('int8', 'tflite')).toBe(int8Tflite);
    expect(made.files).toEqual([made.mainFile]);
    expect(await fs.readdir(join(scratch, 'int8'))).toEqual(['convnet.tflite']);
    expect(made.keptFloat).toEqual([POST]);
    expect(made.settings).toMatchObject({ method: 'minmax', calibrationFrames: 16, calibrationSource: 'clip', quantizedWeights: 6, quantizedBiases: 6, postProcessing: 'float32 (3 ops after the last weighted op)' });
  });

  it('is at most 0.3× the float32 file', async () => {
    const ratio = (await fs.stat(made.mainFile)).size / (await fs.stat(float32)).size;
    console.log(`int8 .tflite size ratio ${ratio.toFixed(4)}`);
    expect(ratio).toBeLessThanOrEqual(0.3);
  });

  it('has int8 tensors: every CONV_2D / DEPTHWISE_CONV_2D int8 input and filter, int32 bias; float32 I/O', async () => {
    const m = readTfliteModel(new Uint8Array(await fs.readFile(made.mainFile)), made.mainFile);
    const convs = m.operators.filter((o) => o.op === 'CONV_2D' || o.op === 'DEPTHWISE_CONV_2D');
    expect(convs.length).toBe(6);
    for (const c of convs) {
      expect(c.inputs.map((i) => m.tensors[i].type)).toEqual(['int8', 'int8', 'int32']);
      expect(m.tensors[c.outputs[0]].type).toBe('int8');
      expect(m.tensors[c.inputs[1]].quant!.scale.length).toBe(c.op === 'CONV_2D' ? m.tensors[c.inputs[1]].shape[0] : m.tensors[c.inputs[1]].shape[3]);
      expect(c.version).toBe(3);
    }
    expect(m.inputs.map((i) => m.tensors[i].type)).toEqual(['float32']);
    expect(m.outputs.map((i) => [m.tensors[i].name, m.tensors[i].type])).toEqual([
      ['scores', 'float32'],
      ['boxes', 'float32'],
    ]);
    expect(m.operators.filter((o) => o.op === 'QUANTIZE' || o.op === 'DEQUANTIZE').length).toBeGreaterThanOrEqual(3);
  });

  it('agrees with float32 in LiteRT.js on other real frames: SNR ≥ 25 dB, cosine ≥ 0.99 per output', async () => {
    const f = await tfliteRuntime.load(float32);
    const q = await tfliteRuntime.load(made.mainFile);
    try {
      for (const name of ['scores', 'boxes']) {
        const a: number[] = [];
        const b: number[] = [];
        for (const t of validation) {
          a.push(...(await f.run({ image: t }))[name].data);
          b.push(...(await q.run({ image: t }))[name].data);
        }
        const snr = snrDb(a, b);
        const cos = cosine(a, b);
        console.log(`int8 vs float32 '${name}' on ${validation.length} frames: SNR ${snr.toFixed(2)} dB, cosine ${cos.toFixed(6)}`);
        expect(snr).toBeGreaterThanOrEqual(25);
        expect(cos).toBeGreaterThanOrEqual(0.99);
      }
    } finally {
      await f.dispose();
      await q.dispose();
    }
  });

  it("postProcessing 'int8' quantizes the tail too, as TF's converter (LOGISTIC int8 out 1/256, −128), and still agrees", async () => {
    const res = await int8Tflite.apply({ source: float32, outDir: await outDir('tf-like'), settings: { meta: META, calibration: CUP, frames: 16, postProcessing: 'int8' } }, silentJob);
    expect(res.keptFloat).toEqual([]);
    expect(res.settings).toMatchObject({ postProcessing: 'int8' });
    const m = readTfliteModel(new Uint8Array(await fs.readFile(res.mainFile)), res.mainFile);
    const sig = m.operators.find((o) => o.op === 'LOGISTIC')!;
    expect(m.tensors[sig.outputs[0]].type).toBe('int8');
    expect(m.tensors[sig.outputs[0]].quant).toMatchObject({ scale: [1 / 256], zeroPoint: [-128] });
    const f = await tfliteRuntime.load(float32);
    const q = await tfliteRuntime.load(res.mainFile);
    try {
      for (const name of ['scores', 'boxes']) {
        const a: number[] = [];
        const b: number[] = [];
        for (const t of validation) {
          a.push(...(await f.run({ image: t }))[name].data);
          b.push(...(await q.run({ image: t }))[name].data);
        }
        console.log(`all-int8 vs float32 '${name}': SNR ${snrDb(a, b).toFixed(2)} dB, cosine ${cosine(a, b).toFixed(6)}`);
        expect(snrDb(a, b)).toBeGreaterThanOrEqual(25);
      }
    } finally {
      await f.dispose();
      await q.dispose();
    }
  });

  it('--exclude keeps the named op float (DEQUANTIZE before it) and reports it; entropy is accepted', async () => {
    const res = await int8Tflite.apply({ source: float32, outDir: await outDir('excl'), settings: { meta: META, calibration: CUP, frames: 4, exclude: ['add1'], method: 'entropy' } }, silentJob);
    expect(res.keptFloat).toEqual([{ name: 'add1', reason: 'excluded by --exclude' }, POST]);
    expect(res.settings).toMatchObject({ method: 'entropy', exclude: ['add1'], keptFloat: ['add1', 'post-processing'] });
    const m = readTfliteModel(new Uint8Array(await fs.readFile(res.mainFile)), res.mainFile);
    const add = m.operators.find((o) => o.op === 'ADD')!;
    expect([...add.inputs, ...add.outputs].map((i) => m.tensors[i].type)).toEqual(['float32', 'float32', 'float32']);
    const model = await tfliteRuntime.load(res.mainFile);
    try {
      const out = await model.run({ image: validation[0] });
      expect(out.scores.data.length).toBe(128);
    } finally {
      await model.dispose();
    }
  });

  it('quantizes a file with float16 weights behind DEQUANTIZE (as TF writes fp16) like the float32 one', async () => {
    const m = tfliteConvNet();
    // every CONV_2D filter becomes float16 + DEQUANTIZE → float32, as TF's converter writes an fp16 model
    for (const op of [...m.operators]) {
      if (op.op !== 'CONV_2D') continue;
      const w = m.tensors[op.inputs[1]];
      const half = encodeFloat16(float32Data(w));
      const h = addTensor(m, { name: `${w.name}_fp16`, type: 'float16', shape: w.shape, data: new Uint8Array(half.buffer) });
      m.tensors[op.inputs[1]] = { name: w.name, type: 'float32', shape: w.shape };
      m.operators.unshift({ op: 'DEQUANTIZE', inputs: [h], outputs: [op.inputs[1]], version: 3 });
    }
    const fp16 = join(scratch, 'convnet-fp16.tflite');
    await writeTfliteAtomic(fp16, m);
    const res = await int8Tflite.apply({ source: fp16, outDir: await outDir('from-fp16'), settings: { meta: META, calibration: CUP, frames: 4 } }, silentJob);
    expect(res.settings).toMatchObject({ foldedFloat16Dequantize: 5, quantizedWeights: 6 });
    expect(res.keptFloat).toEqual([POST]);
    const q = readTfliteModel(new Uint8Array(await fs.readFile(res.mainFile)), res.mainFile);
    expect(q.tensors.some((t) => t.type === 'float16')).toBe(false);
    expect(q.operators.filter((o) => o.op === 'CONV_2D').every((o) => q.tensors[o.inputs[1]].type === 'int8')).toBe(true);
  });

  it("quantizes a file TF's converter wrote (batch -1, CONV/MEAN/FULLY_CONNECTED): per-channel FC weights, agrees on real frames", async () => {
    const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'tflite', 'tiny_embedder_float.tflite');
    const meta = JSON.parse(await fs.readFile(fixture.replace(/\.tflite$/, '.edgelab.json'), 'utf8')) as ModelMeta;
    const res = await int8Tflite.apply({ source: fixture, outDir: await outDir('tf-embedder'), settings: { meta, calibration: CUP, frames: 8 } }, silentJob);
    expect(res.keptFloat).toEqual([]);
    const q = readTfliteModel(new Uint8Array(await fs.readFile(res.mainFile)), res.mainFile);
    expect(q.tensors[q.inputs[0]].shapeSignature).toEqual([-1, 64, 64, 3]);
    // TF's SignatureDef survives, still naming the float32 boundary tensors
    const f = readTfliteModel(new Uint8Array(await fs.readFile(fixture)), fixture);
    const sig = (x: typeof q) => x.signatures!.map((g) => ({ key: g.key, inputs: g.inputs.map((e) => [e.name, x.tensors[e.tensor].name, x.tensors[e.tensor].type]), outputs: g.outputs.map((e) => [e.name, x.tensors[e.tensor].name, x.tensors[e.tensor].type]) }));
    expect(sig(q)).toEqual(sig(f));
    expect(q.signatures!.flatMap((g) => [...g.inputs, ...g.outputs]).map((e) => e.tensor).sort()).toEqual([...q.inputs, ...q.outputs].sort());
    const fc = q.operators.find((o) => o.op === 'FULLY_CONNECTED')!;
    const w = q.tensors[fc.inputs[1]];
    expect([q.tensors[fc.inputs[0]].type, w.type, w.quant!.scale.length, w.quant!.quantizedDimension ?? 0, fc.version]).toEqual(['int8', 'int8', w.shape[0], 0, 4]);
    const frames: HostTensor[] = [];
    let k = 0;
    for await (const f of calibrationFrames(await openCalibrationSource(CUP), meta.input, 16)) if (k++ >= 8) frames.push(f.tensor);
    const a = await tfliteRuntime.load(fixture);
    const b = await tfliteRuntime.load(res.mainFile);
    try {
      const name = a.inputs[0].name;
      const x: number[] = [];
      const y: number[] = [];
      for (const t of frames) {
        x.push(...Object.values(await a.run({ [name]: t }))[0].data);
        y.push(...Object.values(await b.run({ [name]: t }))[0].data);
      }
      console.log(`TF-made embedder int8 vs float32 on ${frames.length} frames: SNR ${snrDb(x, y).toFixed(2)} dB, cosine ${cosine(x, y).toFixed(6)}`);
      expect(cosine(x, y)).toBeGreaterThanOrEqual(0.99);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('MAXIMUM / MINIMUM share their output parameters (maximum_minimum.cc compares raw int8) and agree with float32', async () => {
    // image → CONV_2D → MAXIMUM(·, 0.05) → MINIMUM(·, conv2) → CONV_2D → out: the shared-scale ops sit between convs
    const m: TfliteModel = { description: 'max/min net', tensors: [], operators: [], inputs: [], outputs: [] };
    const x = addTensor(m, { name: 'image', type: 'float32', shape: [1, 32, 32, 3] });
    const conv = (name: string, from: number, cin: number, cout: number): number => {
      const w = addTensor(m, float32Const(`${name}/w`, [cout, 1, 1, cin], Array.from({ length: cout * cin }, (_, i) => Math.sin(i * 1.7 + cout))));
      const b = addTensor(m, float32Const(`${name}/b`, [cout], Array.from({ length: cout }, (_, i) => 0.1 * Math.cos(i))));
      const y = addTensor(m, { name, type: 'float32', shape: [1, 32, 32, cout] });
      m.operators.push({ op: 'CONV_2D', inputs: [from, w, b], outputs: [y], options: { padding: 'SAME', stride_w: 1, stride_h: 1, fused_activation_function: 'NONE' } });
      return y;
    };
    const c1 = conv('c1', x, 3, 8);
    const c2 = conv('c2', x, 3, 8);
    const k = addTensor(m, float32Const('floor', [1], [0.05]));
    const mx = addTensor(m, { name: 'max', type: 'float32', shape: [1, 32, 32, 8] });
    m.operators.push({ op: 'MAXIMUM', inputs: [c1, k], outputs: [mx] });
    const mn = addTensor(m, { name: 'min', type: 'float32', shape: [1, 32, 32, 8] });
    m.operators.push({ op: 'MINIMUM', inputs: [mx, c2], outputs: [mn] });
    const out = conv('out', mn, 8, 4);
    m.inputs.push(x);
    m.outputs.push(out);
    const file = join(scratch, 'maxmin.tflite');
    await writeTfliteAtomic(file, m);
    const res = await int8Tflite.apply({ source: file, outDir: await outDir('maxmin'), settings: { meta: META, calibration: CUP, frames: 8 } }, silentJob);
    expect(res.keptFloat).toEqual([]);
    const q = readTfliteModel(new Uint8Array(await fs.readFile(res.mainFile)), res.mainFile);
    for (const op of q.operators.filter((o) => o.op === 'MAXIMUM' || o.op === 'MINIMUM')) {
      for (const i of op.inputs) expect(q.tensors[i].quant, `${op.op} input ${q.tensors[i].name}`).toEqual(q.tensors[op.outputs[0]].quant);
    }
    const f = await tfliteRuntime.load(file);
    const g = await tfliteRuntime.load(res.mainFile);
    try {
      const a: number[] = [];
      const b: number[] = [];
      for (const t of validation) {
        a.push(...(await f.run({ image: t })).out.data);
        b.push(...(await g.run({ image: t })).out.data);
      }
      console.log(`max/min net int8 vs float32: SNR ${snrDb(a, b).toFixed(2)} dB`);
      expect(snrDb(a, b)).toBeGreaterThanOrEqual(25);
    } finally {
      await f.dispose();
      await g.dispose();
    }
  });

  it('refuses what it cannot do, naming it', async () => {
    const dir = await outDir('bad');
    await expect(int8Tflite.apply({ source: float32, outDir: dir, settings: { meta: META, calibration: CUP, exclude: ['nope'] } }, silentJob)).rejects.toThrow(/--exclude names no op of the model.*nope/);
    await expect(int8Tflite.apply({ source: float32, outDir: dir, settings: { calibration: CUP } }, silentJob)).rejects.toThrow(/input 'image' \[1, 32, 32, 3\]: no input spec/);
    await expect(int8Tflite.apply({ source: float32, outDir: dir, settings: { meta: META, calibration: CUP, targetSnrDb: 30 } }, silentJob)).rejects.toThrow(/--target-snr .* runs on ONNX models/);
    await expect(int8Tflite.apply({ source: float32, outDir: dir, settings: { meta: META, calibration: CUP, reduceRange: true } }, silentJob)).rejects.toThrow(/--reduce-range is for onnxruntime/);
    await expect(int8Tflite.apply({ source: float32, outDir: dir, settings: { meta: META, calibration: CUP, biasCorrection: 'depthwise' } }, silentJob)).rejects.toThrow(/--bias-correction runs on ONNX int8/);
    const wrong = { ...META, input: { ...CONVNET_INPUT, width: 64 } } as ModelMeta;
    await expect(int8Tflite.apply({ source: float32, outDir: dir, settings: { meta: wrong, calibration: CUP } }, silentJob)).rejects.toThrow(/has shape \[1, 32, 32, 3\], the input spec feeds \[1, 32, 64, 3\]/);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
