// MobileNetV3 as PyTorch exports it (HardSwish / HardSigmoid ops: tests/support/hard-mobilenet.ts rewrites the bundled
// CenterNet's decomposed x·Clip(x+3, 0, 6)·k patterns), checked in onnxruntime-node on real frames of cup.mp4:
//  - the rewrite is exact up to float32 rounding (against the original with k set to 1/6), and the 28 patterns are found;
//  - int8 (`convert --to int8`'s transform) computes every HardSwish / HardSigmoid on uint8 (registry kind 'requant'):
//    no float HardSwish / HardSigmoid between DequantizeLinear and QuantizeLinear in the graph onnxruntime runs, the
//    20 hard-swish products become QLinearMul; against float32 on real frames, the SNR at the 28 hard-activation
//    outputs is on average within 0.5 dB of the variant that keeps them in float (the float-kept variant: the same
//    nodes named in --exclude), and the worst model-output SNR within 1.5 dB (this model's int8 outputs sit at
//    3–5 dB, where a small change anywhere moves them by tenths of a dB either way). No latency is asserted.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOnnx, encodeOnnx } from '../../../../src-main/formats/onnx/codec';
import { addGraphOutputs } from '../../../../src-main/formats/onnx/edit';
import { onnxTapList } from '../../../../src-main/formats/onnx/taps';
import { silentJob } from '../../../../src-main/jobs/context';
import { calibrationFrames, openCalibrationSource } from '../../../../src-main/calibration/reader';
import { findBundledModel, samplesDir } from '../../../../src-main/models/catalog';
import { optimizedOpCounts } from '../../../../src-main/perf/quant-ops';
import { int8Onnx } from '../../../../src-main/transforms/int8-onnx';
import { validateVariant } from '../../../../src-main/validation/validate';
import { snrDb } from '../../../../src-shared/metrics/tensor';
import { CENTERNET_ONNX, hardMobilenet, sixthExact } from '../../../support/hard-mobilenet';
import { decodeFrame } from '../real-frame';

const CUP = join(samplesDir(), 'cup.mp4');
const META = findBundledModel('centernet-mobilenet-v3-coco-onnx')!.meta;
/** Dense float heads (the third output, top-100 detections, reorders among near-equal scores). */
const HEADS = ['tower_0/wh', 'tower_0/keypoints'];

let dir: string;
let source: Uint8Array;
let rewrite: ReturnType<typeof hardMobilenet>;
let hardFile: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-hard-'));
  source = await fs.readFile(CENTERNET_ONNX);
  rewrite = hardMobilenet(source);
  hardFile = join(dir, 'mobilenetv3-hard.onnx');
  await fs.writeFile(hardFile, rewrite.bytes);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function heads(bytes: Uint8Array, x: Float32Array): Promise<Record<string, number[]>> {
  const s = await ort.InferenceSession.create(bytes);
  try {
    const o = await s.run({ [META.input.name!]: new ort.Tensor('float32', x, [1, META.input.height, META.input.width, 3]) }, HEADS);
    return Object.fromEntries(HEADS.map((k) => [k, Array.from(o[k].data as Float32Array)]));
  } finally {
    await s.release();
  }
}

/** Values of `tensors` over `frames` (concatenated), each tensor listed as a graph output of a copy of `file`. */
async function tapped(file: string, tensors: string[], frames: Float32Array[]): Promise<number[][]> {
  const m = decodeOnnx(await fs.readFile(file), file);
  addGraphOutputs(m, tensors.map((name) => ({ name, elemType: 1 })));
  const s = await ort.InferenceSession.create(encodeOnnx(m));
  try {
    const out: number[][] = tensors.map(() => []);
    for (const x of frames) {
      const o = await s.run({ [META.input.name!]: new ort.Tensor('float32', x, [1, META.input.height, META.input.width, 3]) }, tensors);
      tensors.forEach((t, i) => {
        for (const v of o[t].data as Float32Array) out[i].push(v);
      });
    }
    return out;
  } finally {
    await s.release();
  }
}

describe('HardSwish / HardSigmoid MobileNetV3 (CenterNet rewritten)', () => {
  it('replaces the 20 hard-swish and 8 hard-sigmoid patterns; outputs equal the original to float32 rounding', async () => {
    expect(rewrite.counts).toEqual({ HardSwish: 20, HardSigmoid: 8 });
    const ops = (b: Uint8Array, op: string) => decodeOnnx(b, hardFile).graph!.node!.filter((n) => n.opType === op).length;
    expect(ops(rewrite.bytes, 'Clip')).toBe(0);
    expect(ops(source, 'Clip')).toBe(28);
    const x = Float32Array.from(await decodeFrame(CUP, META.input.width, META.input.height)); // range [0, 255]
    const [exact, original, rewritten] = await Promise.all([heads(sixthExact(source), x), heads(source, x), heads(rewrite.bytes, x)]);
    for (const k of HEADS) {
      const e = snrDb(exact[k], rewritten[k]);
      const o = snrDb(original[k], rewritten[k]);
      console.log(`${k}: rewrite vs original with k = 1/6 ${e.toFixed(1)} dB; vs original (k = 0.16663) ${o.toFixed(1)} dB`);
      expect(e).toBeGreaterThan(90); // float32 rounding only
      expect(o).toBeGreaterThan(40); // |k − 1/6| = 4e-5, through 28 layers
    }
  });

  it('int8 computes them on uint8: no float HardSwish / HardSigmoid between DQ and Q, SNR on par with keeping them float', async () => {
    const hard = decodeOnnx(rewrite.bytes, hardFile).graph!.node!.filter((n) => n.opType === 'HardSwish' || n.opType === 'HardSigmoid');
    const settings = { meta: META, calibration: CUP, frames: 8, method: 'minmax' };
    // 4 frames of cup preprocessed as calibration and validation do
    const frames: Float32Array[] = [];
    for await (const f of calibrationFrames(await openCalibrationSource(CUP), META.input, 4)) frames.push(Float32Array.from(f.tensor.data));
    const outs = hard.map((n) => n.output![0]);
    const ref = await tapped(hardFile, outs, frames);
    const convert = async (name: string, exclude: string[]) => {
      const out = join(dir, name);
      await fs.mkdir(out);
      const res = await int8Onnx.apply({ source: hardFile, outDir: out, settings: { ...settings, exclude } }, silentJob);
      const v = await validateVariant({ reference: { file: hardFile, format: 'onnx' }, variant: { file: res.mainFile, format: 'onnx' }, meta: META, source: CUP, frames: 4 }, silentJob);
      const worst = Math.min(v.snrDb, ...(v.perOutput ?? []).map((p) => p.snrDb));
      // the int8 value of each hard-activation output: the DequantizeLinear after its QuantizeLinear (qdq-apply.ts)
      const q = await tapped(res.mainFile, outs.map((t) => `${t}_dequantized`), frames);
      const nodeSnr = q.map((x, i) => snrDb(ref[i], x));
      return { res, worst, nodeSnr, meanNodeSnr: nodeSnr.reduce((a, b) => a + b, 0) / nodeSnr.length, ops: await optimizedOpCounts(res.mainFile, 1) };
    };
    const q = await convert('requant', []);
    const kept = await convert('float-kept', hard.map((n) => n.name!));
    for (const [k, r] of [['requant', q], ['float-kept', kept]] as const) {
      console.log(`int8 ${k}: ${JSON.stringify(r.res.settings?.hardActivations ?? {})} worst output SNR ${r.worst.toFixed(2)} dB, hard-activation outputs mean ${r.meanNodeSnr.toFixed(2)} dB (stem ${r.nodeSnr[0].toFixed(2)} dB), ${r.ops.qlinearOps} int8 kernels, islands ${JSON.stringify(r.ops.floatIslandOps)}`);
    }
    const hardIslands = (o: Record<string, number>) => (o.HardSwish ?? 0) + (o.HardSigmoid ?? 0);
    // the count can fail: the float-kept variant has them (onnxruntime runs HardSwish as HardSigmoid + Mul)
    expect(hardIslands(kept.ops.floatIslandOps)).toBeGreaterThan(0);
    expect(hardIslands(q.ops.floatIslandOps)).toBe(0);
    expect(q.ops.floatOpsBetweenQdq).toBeLessThanOrEqual(kept.ops.floatOpsBetweenQdq - 28);
    const done = q.res.settings?.hardActivations as { requantized: number; tables: number };
    expect(done.requantized + done.tables).toBe(28);
    expect(q.ops.qlinearOps).toBeGreaterThanOrEqual(kept.ops.qlinearOps + 20); // hard-swish products → QLinearMul
    // `layers` finds each requantized op's output under its own name, read through its DequantizeLinear
    const taps = onnxTapList(await fs.readFile(q.res.mainFile), q.res.mainFile, 'float-intermediates').taps;
    const found = outs.filter((t) => taps.some((p) => p.tensor === t && p.dequantized === `${t}_dequantized`));
    expect(found.length).toBe(done.requantized);
    expect(q.meanNodeSnr).toBeGreaterThanOrEqual(kept.meanNodeSnr - 0.5);
    expect(q.worst).toBeGreaterThanOrEqual(kept.worst - 1.5);
  });
});
