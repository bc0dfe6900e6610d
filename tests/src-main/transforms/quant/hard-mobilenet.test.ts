// MobileNetV3 as PyTorch exports it (HardSwish / HardSigmoid ops: tests/support/hard-mobilenet.ts rewrites the bundled
// CenterNet's decomposed x·Clip(x+3, 0, 6)·k patterns), checked in onnxruntime-node on real frames of cup.mp4:
//  - the rewrite is exact up to float32 rounding (against the original with k set to 1/6), and the 28 patterns are found;
//  - int8 (`convert --to int8`'s transform) computes every HardSwish / HardSigmoid on uint8 (registry kind 'requant'):
//    no float HardSwish / HardSigmoid between DequantizeLinear and QuantizeLinear in the graph onnxruntime runs, the
//    20 hard-swish products become QLinearMul, and the worst output SNR against float32 is within 1 dB of the variant
//    that keeps them in float (the float-kept variant: the same nodes named in --exclude). No latency is asserted.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOnnx } from '../../../../src-main/formats/onnx/codec';
import { silentJob } from '../../../../src-main/jobs/context';
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

  it('int8 computes them on uint8: no float HardSwish / HardSigmoid between DQ and Q, SNR within 1 dB of keeping them float', async () => {
    const hard = decodeOnnx(rewrite.bytes, hardFile).graph!.node!.filter((n) => n.opType === 'HardSwish' || n.opType === 'HardSigmoid').map((n) => n.name!);
    const settings = { meta: META, calibration: CUP, frames: 8, method: 'minmax' };
    const convert = async (name: string, exclude: string[]) => {
      const out = join(dir, name);
      await fs.mkdir(out);
      const res = await int8Onnx.apply({ source: hardFile, outDir: out, settings: { ...settings, exclude } }, silentJob);
      const v = await validateVariant({ reference: { file: hardFile, format: 'onnx' }, variant: { file: res.mainFile, format: 'onnx' }, meta: META, source: CUP, frames: 4 }, silentJob);
      const worst = Math.min(v.snrDb, ...(v.perOutput ?? []).map((p) => p.snrDb));
      return { res, worst, ops: await optimizedOpCounts(res.mainFile, 1) };
    };
    const q = await convert('requant', []);
    const kept = await convert('float-kept', hard);
    console.log(`int8 requant: ${JSON.stringify(q.res.settings?.hardActivations)}, worst SNR ${q.worst.toFixed(2)} dB, ${q.ops.qlinearOps} int8 kernels, islands ${JSON.stringify(q.ops.floatIslandOps)}`);
    console.log(`int8 float-kept: worst SNR ${kept.worst.toFixed(2)} dB, ${kept.ops.qlinearOps} int8 kernels, islands ${JSON.stringify(kept.ops.floatIslandOps)}`);
    const hardIslands = (o: Record<string, number>) => (o.HardSwish ?? 0) + (o.HardSigmoid ?? 0);
    // the count can fail: the float-kept variant has them (onnxruntime runs HardSwish as HardSigmoid + Mul)
    expect(hardIslands(kept.ops.floatIslandOps)).toBeGreaterThan(0);
    expect(hardIslands(q.ops.floatIslandOps)).toBe(0);
    expect(q.ops.floatOpsBetweenQdq).toBeLessThanOrEqual(kept.ops.floatOpsBetweenQdq - 28);
    const done = q.res.settings?.hardActivations as { requantized: number; tables: number };
    expect(done.requantized + done.tables).toBe(28);
    expect(q.ops.qlinearOps).toBeGreaterThanOrEqual(kept.ops.qlinearOps + 20); // hard-swish products → QLinearMul
    expect(q.worst).toBeGreaterThanOrEqual(kept.worst - 1);
  });
});
