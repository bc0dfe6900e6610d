// The pre-quantization passes on the bundled ONNX detectors, checked in onnxruntime on a real frame of cup.mp4:
// SSD's batch norms (Conv → Mul → Add, weights stored in fp16) fold into the Convs; CenterNet's 9 squeeze-excite
// ReduceMeans become GlobalAveragePool; the outputs agree with the original graph to float32 rounding.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { bundledModelPath, findBundledModel } from '../../../../src-main/models/catalog';
import { decodeOnnx, onnxPb } from '../../../../src-main/formats/onnx/codec';
import { foldInitializerCasts } from '../../../../src-main/transforms/quant/fold-casts';
import { prePassForInt8 } from '../../../../src-main/transforms/quant/fold-conv-affine';
import { snrDb } from '../../../../src-shared/metrics/tensor';
import { decodeFrame } from '../real-frame';

const CUP = join(process.cwd(), 'samples/cup.mp4');

async function outputs(buf: Uint8Array, feed: Record<string, ort.Tensor>) {
  const s = await ort.InferenceSession.create(buf, { graphOptimizationLevel: 'disabled' });
  try {
    const r = await s.run(feed);
    return Object.fromEntries(Object.entries(r).map(([k, t]) => [k, Array.from(t.data as Float32Array, Number)]));
  } finally {
    await s.release();
  }
}

async function check(id: string, exclude: string[] = []) {
  const meta = findBundledModel(id)!;
  const file = bundledModelPath(meta);
  const bytes = await fs.readFile(file);
  const model = decodeOnnx(bytes, file);
  const g = model.graph!;
  foldInitializerCasts(g, file);
  const opsBefore = (op: string) => (g.node ?? []).filter((n) => n.opType === op).length;
  const before = { Mul: opsBefore('Mul'), Add: opsBefore('Add'), ReduceMean: opsBefore('ReduceMean'), Conv: opsBefore('Conv'), Sum: opsBefore('Sum') };
  const counts = prePassForInt8(g, new Set(exclude), file);
  const ops = (op: string) => (g.node ?? []).filter((n) => n.opType === op).length;
  const spec = meta.meta.input!;
  const rgb = await decodeFrame(CUP, spec.width, spec.height);
  const [lo, hi] = spec.range ?? [0, 255];
  const x = Float32Array.from(rgb, (v) => lo + (v / 255) * (hi - lo));
  const inits = new Set((g.initializer ?? []).map((t) => t.name));
  const input = (g.input ?? []).find((v) => !inits.has(v.name))!.name!;
  const dims = spec.layout === 'NCHW' ? [1, 3, spec.height, spec.width] : [1, spec.height, spec.width, 3];
  const feed = { [input]: new ort.Tensor('float32', spec.layout === 'NCHW' ? toNchw(x, spec.height, spec.width) : x, dims) };
  const a = await outputs(bytes, feed);
  const b = await outputs(onnxPb.ModelProto.encode(model).finish(), feed);
  const snr = Object.keys(a).map((k) => ({ k, snr: snrDb(a[k], b[k]) }));
  return { counts, before, after: { Mul: ops('Mul'), Add: ops('Add'), ReduceMean: ops('ReduceMean'), GlobalAveragePool: ops('GlobalAveragePool'), Conv: ops('Conv'), Sum: ops('Sum') }, snr, g };
}

function toNchw(x: Float32Array, h: number, w: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < h * w; i++) for (let c = 0; c < 3; c++) out[c * h * w + i] = x[i * 3 + c];
  return out;
}

describe('prePassForInt8', () => {
  it('SSD: folds every batch-norm Mul and Add (and bias Add) into its Conv; outputs unchanged', async () => {
    const r = await check('ssd-mobilenet-v2-coco-onnx');
    console.log(`SSD pre-pass: ${JSON.stringify(r.counts)}; Mul ${r.before.Mul}→${r.after.Mul}, Add ${r.before.Add}→${r.after.Add}; output SNR ${r.snr.map((s) => `${s.k} ${s.snr.toFixed(1)} dB`).join(', ')}`);
    // each residual-bias fold turns Add(c, Sum(Conv, r)) into one Add(Conv', r): one Sum and one Add fewer, one Add more
    expect(r.counts.residualBiasIntoConv).toBe(10); // SSD's 10 residual blocks
    expect(r.before.Sum - r.after.Sum).toBe(10);
    expect(r.after.Sum).toBe(0);
    expect(r.counts.foldedIntoConv).toBe(r.before.Mul - r.after.Mul + (r.before.Add - r.after.Add));
    expect(r.before.Mul - r.after.Mul).toBe(33); // the 33 Conv → Mul → Add batch norms
    expect(r.before.Add - r.after.Add).toBeGreaterThanOrEqual(33);
    expect(r.after.Conv).toBe(r.before.Conv);
    // the rewritten residual sums read the Conv's new output (bias included), under a new tensor name
    const biased = (r.g.node ?? []).filter((n) => n.opType === 'Conv' && n.output?.[0]?.endsWith('__biased'));
    expect(biased).toHaveLength(10);
    for (const c of biased) expect(c.input).toHaveLength(3);
    // nothing foldable is left: a second run changes nothing
    expect(prePassForInt8(r.g, new Set(), 'ssd')).toEqual({ foldedIntoConv: 0, reduceMeanToGlobalAveragePool: 0, residualBiasIntoConv: 0 });
    for (const s of r.snr) expect(s.snr).toBeGreaterThan(100); // float32 rounding only
  });

  it('CenterNet: ReduceMean over H, W → GlobalAveragePool; outputs unchanged', async () => {
    const r = await check('centernet-mobilenet-v3-coco-onnx');
    expect(r.counts.reduceMeanToGlobalAveragePool).toBe(9);
    expect(r.after.ReduceMean).toBe(0);
    expect(r.after.GlobalAveragePool).toBe(9);
    for (const s of r.snr) expect(s.snr).toBeGreaterThan(100);
  });

  it('leaves excluded nodes as they are', async () => {
    const file = bundledModelPath(findBundledModel('ssd-mobilenet-v2-coco-onnx')!);
    const g0 = decodeOnnx(await fs.readFile(file), file).graph!;
    foldInitializerCasts(g0, file);
    const cons = new Map<string, string>();
    for (const n of g0.node ?? []) for (const i of n.input ?? []) cons.set(i, n.opType === 'Mul' ? n.name! : cons.get(i) ?? '');
    const conv = (g0.node ?? []).find((n) => n.opType === 'Conv' && cons.get(n.output![0]!))!;
    const mul = cons.get(conv.output![0]!)!;
    const r = await check('ssd-mobilenet-v2-coco-onnx', [mul]);
    expect(r.before.Mul - r.after.Mul).toBe(32);
    expect((r.g.node ?? []).some((n) => n.name === mul && n.opType === 'Mul')).toBe(true);
  });

  it('leaves an excluded residual Add (and its Sum) as they are', async () => {
    const add = 'FeatureExtractor/MobilenetV2/expanded_conv_12/ArithmeticOptimizer/AddOpsRewrite_add__Add__nchw';
    const r = await check('ssd-mobilenet-v2-coco-onnx', [add]);
    expect(r.counts.residualBiasIntoConv).toBe(9);
    expect(r.after.Sum).toBe(1);
    expect((r.g.node ?? []).some((n) => n.name === add && n.opType === 'Add')).toBe(true);
    for (const s of r.snr) expect(s.snr).toBeGreaterThan(100);
  });
});
