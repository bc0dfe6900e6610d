// Static int8 QDQ and int8 weight-only on a model built in the test (exact checks against hand computation)
// and on the real BlazeFace (loads and runs in onnxruntime-node, SNR on real frames); bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { int8Onnx } from '../../../src-main/transforms/int8-onnx';
import { int8WeightsOnnx } from '../../../src-main/transforms/int8-weights-onnx';
import { fp16Onnx } from '../../../src-main/transforms/fp16-onnx';
import { bundledModelsDir, findBundledModel, samplesDir } from '../../../src-main/models/catalog';
import { silentJob } from '../../../src-main/jobs/context';
import { quantizeValue, roundHalfEven } from '../../../src-main/transforms/quant/qdq-math';
import { validateVariant } from '../../../src-main/validation/validate';
import { BUILT_META, builtModel, WEIGHTS } from './quant/built-model';
import { decodeFrame } from './real-frame';
import { snrDb } from '../../../src-shared/metrics/tensor';

const pb = onnxProto.onnx;
const CUP = join(samplesDir(), 'cup.mp4');
const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');
const BLAZE_META = findBundledModel('blazeface-front')!.meta;

let scratch: string;
let built: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-int8-'));
  built = join(scratch, 'built.onnx');
  await fs.writeFile(built, builtModel());
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function outDir(name: string): Promise<string> {
  const d = join(scratch, name);
  await fs.mkdir(d);
  return d;
}

function decode(file: Buffer) {
  return pb.ModelProto.decode(file);
}

function floats(t: onnxProto.onnx.ITensorProto): Float32Array {
  const raw = t.rawData!;
  const f = new Float32Array(raw.length / 4);
  new Uint8Array(f.buffer).set(raw);
  return f;
}

function typed<T extends Int8Array | Int32Array | Uint8Array>(t: onnxProto.onnx.ITensorProto, C: new (b: ArrayBuffer) => T): T {
  const raw = t.rawData!;
  const copy = new Uint8Array(raw.length);
  copy.set(raw);
  return new C(copy.buffer);
}

async function run(file: string, x: Float32Array, dims: number[], input = 'X'): Promise<Record<string, Float32Array>> {
  const s = await ort.InferenceSession.create(file);
  const o = await s.run({ [input]: new ort.Tensor('float32', x, dims) });
  await s.release();
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.data as Float32Array]));
}

describe('int8-weights on the built model', () => {
  let m: onnxProto.onnx.ModelProto;
  let file: string;
  beforeAll(async () => {
    const res = await int8WeightsOnnx.apply({ source: built, outDir: await outDir('w8'), settings: {} }, silentJob);
    file = res.mainFile;
    m = decode(await fs.readFile(file));
  });
  const initOf = (name: string) => m.graph!.initializer!.find((t) => t.name === name)!;
  const dqOf = (name: string) => m.graph!.node!.find((n) => n.opType === 'DequantizeLinear' && n.input![0] === `${name}_quantized`)!;

  it.each([
    ['W', 0, 'Conv: axis 0 (output channels of [M, C, kH, kW])'],
    ['G', 1, 'Gemm transB=0: B is [K, N] → axis 1'],
    ['H', 0, 'Gemm transB=1: B is [N, K] → axis 0'],
    ['M', 1, 'MatMul: B is [K, N] → axis 1'],
  ] as [string, number, string][])('%s quantized per channel on axis %i (%s), values as computed by hand', (name, axis) => {
    const { dims, values } = WEIGHTS[name];
    const dq = dqOf(name);
    expect(Number(dq.attribute!.find((a) => a.name === 'axis')!.i)).toBe(axis);
    const q = typed(initOf(`${name}_quantized`), Int8Array);
    const scales = floats(initOf(`${name}_scale`));
    expect(scales.length).toBe(dims[axis]);
    expect(initOf(`${name}_quantized`).dataType).toBe(3); // INT8
    expect([...typed(initOf(`${name}_zero_point`), Int8Array)]).toEqual(new Array(dims[axis]).fill(0));
    const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
    for (let c = 0; c < dims[axis]; c++) {
      let absMax = 0;
      for (let i = 0; i < values.length; i++) if (Math.floor(i / inner) % dims[axis] === c) absMax = Math.max(absMax, Math.abs(values[i]));
      expect(scales[c]).toBe(Math.fround(absMax / 127));
    }
    for (let i = 0; i < values.length; i++) {
      const c = Math.floor(i / inner) % dims[axis];
      expect(q[i]).toBe(Math.max(-127, Math.min(127, roundHalfEven(values[i] / scales[c]))));
    }
  });

  it('biases and activations stay float; the float weights are gone; ORT runs it close to float32', async () => {
    expect(initOf('B').dataType).toBe(1);
    expect(m.graph!.initializer!.some((t) => t.name === 'W')).toBe(false);
    const x = Float32Array.from({ length: 12 }, (_, i) => ((i * 7) % 12) / 12);
    const ref = await run(built, x, [1, 3, 2, 2]);
    const got = await run(file, x, [1, 3, 2, 2]);
    for (let i = 0; i < 2; i++) expect(Math.abs(got.Y[i] - ref.Y[i])).toBeLessThan(0.05 * Math.max(1, Math.abs(ref.Y[i])));
  });
});

describe('static int8 (QDQ) on the built model', () => {
  let m: onnxProto.onnx.ModelProto;
  let file: string;
  let settings: Record<string, unknown>;
  beforeAll(async () => {
    const res = await int8Onnx.apply({ source: built, outDir: await outDir('q8'), settings: { meta: BUILT_META, calibration: CUP, frames: 12, reduceRange: true } }, silentJob);
    file = res.mainFile;
    settings = res.settings!;
    m = decode(await fs.readFile(file));
  });
  const nodes = () => m.graph!.node!;
  const producer = (t: string) => nodes().find((n) => n.output!.includes(t));
  const initOf = (name: string) => m.graph!.initializer!.find((t) => t.name === name);

  it('every quantized op reads DequantizeLinear(QuantizeLinear(x)) activations and writes into a QuantizeLinear', () => {
    for (const name of ['conv', 'gemm_n', 'gemm_t', 'matmul']) {
      const n = nodes().find((x) => x.name === name)!;
      const dq = producer(n.input![0])!;
      expect(dq.opType, `${name} input`).toBe('DequantizeLinear');
      expect(producer(dq.input![0])!.opType).toBe('QuantizeLinear');
      const out = n.output![0];
      const readers = nodes().filter((x) => x.input!.includes(out));
      expect(readers.map((x) => x.opType), `${name} output`).toEqual(['QuantizeLinear']);
    }
    // Relu folded: the Conv writes the Relu's output, quantized from 0 (zero point 0).
    expect(nodes().some((n) => n.opType === 'Relu')).toBe(false);
    expect(nodes().find((x) => x.name === 'conv')!.output![0]).toBe('r');
    expect(typed(initOf('r_zero_point')!, Uint8Array)[0]).toBe(0);
    // Post-processing (the Add after the last MatMul) stays float: it reads the MatMul's dequantized output and writes
    // the graph output Y (its name kept) itself, without Q/DQ.
    const add = nodes().find((x) => x.name === 'add')!;
    expect(producer(add.input![0])!.opType).toBe('DequantizeLinear');
    expect(add.output).toEqual(['Y']);
    expect(settings.method).toBe('minmax');
    expect(String(settings.weights)).toMatch(/reduce range/);
    expect(settings.reduceRange).toBe(true);
    expect(settings.calibrationFrames).toBe(12);
    expect(String(settings.calibrationSetSha256)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('activations uint8, weights int8 per channel, bias int32 with scale = s_x · s_w[c] and zero point 0', () => {
    const sx = floats(initOf('X_scale')!)[0];
    expect(initOf('X_zero_point')!.dataType).toBe(2); // UINT8
    const sw = floats(initOf('W_scale')!);
    const bScale = floats(initOf('B_scale')!);
    const bq = typed(initOf('B_quantized')!, Int32Array);
    expect(initOf('B_quantized')!.dataType).toBe(6); // INT32
    expect([...typed(initOf('B_zero_point')!, Int32Array)]).toEqual([0, 0, 0, 0]);
    for (let c = 0; c < 4; c++) {
      expect(bScale[c]).toBe(Math.fround(sx * sw[c]));
      expect(bq[c]).toBe(quantizeValue(WEIGHTS.B.values[c], bScale[c], 0, 'int32'));
    }
    // Gemm_n's bias C uses the scale of its own input (the Flatten output, which shares the Conv/Relu output's).
    // (the Flatten's output reuses the very scale / zero point initializers of its input, as ORT's tool writes it)
    const fq = nodes().find((n) => n.opType === 'QuantizeLinear' && n.input![0] === 'f')!;
    expect(fq.input!.slice(1)).toEqual(['r_scale', 'r_zero_point']);
    const sf = floats(initOf('r_scale')!)[0];
    const gScale = floats(initOf('G_scale')!);
    expect(gScale.length).toBe(5); // Gemm transB=0 → per column
    expect(floats(initOf('C_scale')!)[2]).toBe(Math.fround(sf * gScale[2]));
    // Reduce range (asked for above): 7-bit weights, scale = max|w_c| / 63, |q| ≤ 63.
    const wq = typed(initOf('W_quantized')!, Int8Array);
    expect(Math.max(...wq.map(Math.abs))).toBe(63);
    const { dims, values } = WEIGHTS.W;
    const inner = dims.slice(1).reduce((a, b) => a * b, 1);
    for (let c = 0; c < 4; c++) {
      const absMax = Math.max(...values.slice(c * inner, (c + 1) * inner).map(Math.abs));
      expect(sw[c]).toBe(Math.fround(absMax / 63));
    }
    // The Add (post-processing, float) keeps its float32 constant.
    expect(initOf('A')!.dataType).toBe(1);
    expect(initOf('A_quantized')).toBeUndefined();
  });

  it('loads and runs in onnxruntime-node, close to float32 on a frame of the calibration clip', async () => {
    // Frame 0 of cup.mp4 at 2×2, NCHW in [0, 1]: inside the calibrated ranges.
    const rgb = await decodeFrame(CUP, 2, 2);
    const x = new Float32Array(12);
    for (let p = 0; p < 4; p++) for (let c = 0; c < 3; c++) x[c * 4 + p] = rgb[p * 3 + c] / 255;
    const ref = await run(built, x, [1, 3, 2, 2]);
    const got = await run(file, x, [1, 3, 2, 2]);
    const scale = Math.max(...ref.Y.map(Math.abs));
    for (let i = 0; i < 2; i++) expect(Math.abs(got.Y[i] - ref.Y[i])).toBeLessThan(0.1 * scale);
  });

  it('--exclude keeps the named node float: its weight stays a float32 initializer, no Q/DQ around it', async () => {
    const res = await int8Onnx.apply({ source: built, outDir: await outDir('q8-ex'), settings: { meta: BUILT_META, calibration: CUP, frames: 4, exclude: ['matmul'] } }, silentJob);
    const mx = decode(await fs.readFile(res.mainFile));
    const mm = mx.graph!.node!.find((n) => n.name === 'matmul')!;
    expect(mm.input![1]).toBe('M');
    expect(mx.graph!.initializer!.find((t) => t.name === 'M')!.dataType).toBe(1);
    // No DequantizeLinear feeds its weight (its activation input/output are still quantized for its quantized neighbours).
    expect(mx.graph!.node!.some((n) => n.opType === 'DequantizeLinear' && n.output!.includes(mm.input![1]))).toBe(false);
    expect(res.keptFloat).toContainEqual({ name: 'matmul', reason: 'excluded by --exclude' });
    await run(res.mainFile, new Float32Array(12).fill(0.5), [1, 3, 2, 2]);
  });
});

describe('full-range weights on request', () => {
  it('reduceRange: false uses [-127, 127]', async () => {
    const res = await int8Onnx.apply({ source: built, outDir: await outDir('q8-full'), settings: { meta: BUILT_META, calibration: CUP, frames: 2, reduceRange: false } }, silentJob);
    const mx = decode(await fs.readFile(res.mainFile));
    const wq = typed(mx.graph!.initializer!.find((t) => t.name === 'W_quantized')!, Int8Array);
    expect(Math.max(...wq.map(Math.abs))).toBe(127);
    expect(res.settings!.reduceRange).toBe(false);
  });
});

describe('bad input: BAD_INPUT naming the file or node, nothing written', () => {
  async function expectBad(settings: Record<string, unknown>, source: string, re: RegExp, file?: string) {
    const d = await outDir(`bad-${Math.random().toString(16).slice(2)}`);
    const err = await int8Onnx.apply({ source, outDir: d, settings }, silentJob).catch((e) => e);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(re);
    if (file) expect(err.message).toContain(file);
    expect(await fs.readdir(d)).toEqual([]);
  }
  it('an empty image folder', async () => {
    const empty = await outDir('empty-folder');
    await expectBad({ meta: BUILT_META, calibration: empty }, built, /empty calibration set/, empty);
  });
  it('a folder of non-images', async () => {
    const txt = await outDir('text-folder');
    await fs.writeFile(join(txt, 'notes.txt'), 'hello');
    await expectBad({ meta: BUILT_META, calibration: txt }, built, /no images/, txt);
  });
  it('a file named .jpg that is not an image', async () => {
    const d = await outDir('fake-jpg');
    await fs.writeFile(join(d, 'a.jpg'), 'definitely not a jpeg');
    await expectBad({ meta: BUILT_META, calibration: d }, built, /a\.jpg/);
  });
  it('a dynamic input shape with no input spec to size it', async () => {
    const dyn = join(scratch, 'dynamic.onnx');
    await fs.writeFile(dyn, builtModel({ dynamic: true }));
    await expectBad({ calibration: CUP }, dyn, /input 'X' \[N, 3, H, W\].*cannot be calibrated/, dyn);
  });
  it('an --exclude naming no node', async () => {
    await expectBad({ meta: BUILT_META, calibration: CUP, exclude: ['nope'] }, built, /--exclude names no node.*nope/);
  });
});

describe('BlazeFace (real model, real frames)', () => {
  it('int8-weights and int8 load and run in onnxruntime-node; SNR floors; int8 is worse than fp16; sizes shrink', async () => {
    const w8 = await int8WeightsOnnx.apply({ source: BLAZE, outDir: await outDir('bf-w8'), settings: {} }, silentJob);
    const q8 = await int8Onnx.apply({ source: BLAZE, outDir: await outDir('bf-q8'), settings: { meta: BLAZE_META, calibration: CUP, frames: 30, method: 'minmax' } }, silentJob);
    const f16 = await fp16Onnx.apply({ source: BLAZE, outDir: await outDir('bf-f16'), settings: {} }, silentJob);
    const size = async (f: string) => (await fs.stat(f)).size;
    const src = await size(BLAZE);
    expect(await size(w8.mainFile)).toBeLessThan(0.5 * src);
    expect(await size(q8.mainFile)).toBeLessThan(0.75 * src);
    const v = async (file: string) =>
      validateVariant({ reference: { file: BLAZE, format: 'onnx' }, variant: { file, format: 'onnx' }, meta: BLAZE_META, source: CUP, frames: 6 }, silentJob);
    const [mw8, mq8, mf16] = [await v(w8.mainFile), await v(q8.mainFile), await v(f16.mainFile)];
    console.log(`BlazeFace SNR dB (worst output / per output): int8-weights ${mw8.snrDb} ${mw8.perOutput!.map((o) => o.snrDb)}; ` +
      `int8 minmax ${mq8.snrDb} ${mq8.perOutput!.map((o) => o.snrDb)}; fp16 ${mf16.snrDb}`);
    // Box regressors (Identity_2/3) and the 512-anchor scores keep > 20 dB with weight-only int8; the
    // 384-anchor score logits (Identity_1) are the sensitive output (~10 dB: the first 5×5 conv alone costs it).
    expect(mw8.perOutput!.find((o) => o.name === 'Identity_2:0')!.snrDb).toBeGreaterThan(20);
    expect(mw8.perOutput!.find((o) => o.name === 'Identity:0')!.snrDb).toBeGreaterThan(20);
    expect(mw8.snrDb).toBeGreaterThan(8);
    expect(mw8.cosine).toBeGreaterThan(0.97);
    expect(mq8.frames).toBe(6);
    expect(mq8.perOutput!.find((o) => o.name === 'Identity_2:0')!.snrDb).toBeGreaterThan(15);
    expect(mq8.snrDb).toBeGreaterThan(5);
    expect(mq8.snrDb).toBeLessThan(mf16.snrDb);
    // onnxruntime's fused int8 kernels (QLinearConv…) compute what the QDQ graph means: unfused vs fused agree.
    const rgb = await decodeFrame(CUP, 128, 128);
    const x = Float32Array.from(rgb, (p) => p / 127.5 - 1);
    const outs = [];
    for (const level of ['disabled', 'all'] as const) {
      const s = await ort.InferenceSession.create(q8.mainFile, { graphOptimizationLevel: level });
      outs.push(await s.run({ 'input:0': new ort.Tensor('float32', x, [1, 128, 128, 3]) }));
      await s.release();
    }
    for (const name of ['Identity:0', 'Identity_2:0', 'Identity_3:0']) {
      expect(snrDb(outs[0][name].data as Float32Array, outs[1][name].data as Float32Array)).toBeGreaterThan(25);
    }
    expect(mw8.snrDb).toBeLessThan(mf16.snrDb);
  });
});

describe('SSD-MobileNetV2 (real model, real frames): the residual-bias fold in the written int8 model', () => {
  it('10 residual blocks become Add(Conv with bias, r) between QDQ, no Sum left; calibration copy removed; it runs', async () => {
    const meta = findBundledModel('ssd-mobilenet-v2-coco-onnx')!;
    const source = join(bundledModelsDir(), 'ssd-mobilenet-v2-coco-onnx/model.onnx');
    const dir = await outDir('ssd-q8');
    const q8 = await int8Onnx.apply({ source, outDir: dir, settings: { meta: meta.meta, calibration: CUP, frames: 4, method: 'minmax' } }, silentJob);
    expect(q8.settings).toMatchObject({ prePass: { residualBiasIntoConv: 10 } });
    // the pre-passed float graph calibrated from a temporary copy in outDir: only the int8 file remains
    expect(await fs.readdir(dir)).toEqual(['model.onnx']);
    const g = decode(await fs.readFile(q8.mainFile)).graph!;
    const nodes = g.node ?? [];
    expect(nodes.filter((n) => n.opType === 'Sum')).toHaveLength(0);
    const producer = new Map(nodes.flatMap((n) => (n.output ?? []).map((o) => [o, n] as const)));
    const biased = nodes.filter((n) => n.opType === 'Conv' && n.output![0].endsWith('__biased'));
    expect(biased).toHaveLength(10);
    for (const c of biased) {
      expect(c.input).toHaveLength(3); // the shift is now the Conv's bias (int32 behind a DequantizeLinear)
      expect(producer.get(c.input![2])?.opType).toBe('DequantizeLinear');
      // the residual Add reads the Conv's output through QuantizeLinear → DequantizeLinear (an int8 QLinearAdd)
      const q = nodes.find((n) => n.opType === 'QuantizeLinear' && n.input![0] === c.output![0])!;
      const dq = nodes.find((n) => n.opType === 'DequantizeLinear' && n.input![0] === q.output![0])!;
      const add = nodes.find((n) => (n.input ?? []).includes(dq.output![0]))!;
      expect(add.opType).toBe('Add');
      expect(add.input!.every((x) => producer.get(x)?.opType === 'DequantizeLinear')).toBe(true);
    }
    const v = await validateVariant({ reference: { file: source, format: 'onnx' }, variant: { file: q8.mainFile, format: 'onnx' }, meta: meta.meta, source: CUP, frames: 4 }, silentJob);
    expect(v.frames).toBe(4);
    expect(v.detection?.referenceBoxes).toBeGreaterThan(0);
    expect(v.detection?.recall50).toBeGreaterThanOrEqual(0);
  });
});
