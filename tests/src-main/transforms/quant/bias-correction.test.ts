// Empirical bias correction (quant/bias-correction.ts) on the real BlazeFace and real frames of cup.mp4: measured
// independently here (float32 source and int8 file tapped at the same Conv outputs, per-channel means over the frames
// the correction used), the corrected convs' mean error falls to a small fraction of the uncorrected one, with 7-bit
// and with 8-bit weights (the reduce-range decision forced both ways, so this holds on any x86 CPU); the variant
// records what it did; it reuses the frames calibration decoded (the clip may be gone by then); a cancelled job writes
// nothing; bad option values are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import onnxProto from 'onnx-proto';
import { int8Onnx } from '../../../../src-main/transforms/int8-onnx';
import { readBiasCorrection } from '../../../../src-main/transforms/calibration-options';
import { bundledModelsDir, findBundledModel, samplesDir } from '../../../../src-main/models/catalog';
import { silentJob } from '../../../../src-main/jobs/context';
import { calibrationFrames, openCalibrationSource } from '../../../../src-main/calibration/reader';
import { openTapped } from '../../../../src-main/runtimes/tapped';
import type { HostTensor } from '../../../../src-main/runtimes/types';
import { EdgeLabError } from '../../../../src-shared/protocol';

const CUP = join(samplesDir(), 'cup.mp4');
const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');
const META = findBundledModel('blazeface-front')!.meta;
const FRAMES = 8;

let scratch: string;
let frames: HostTensor[];
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bias-'));
  frames = [];
  for await (const f of calibrationFrames(await openCalibrationSource(CUP), META.input, FRAMES)) frames.push(f.tensor);
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** int8 of BlazeFace on FRAMES frames, no pre-pass (so the float32 source is the graph that was quantized). */
async function convert(name: string, settings: Record<string, unknown>, job = silentJob) {
  const outDir = join(scratch, name);
  await fs.mkdir(outDir);
  return int8Onnx.apply({ source: BLAZE, outDir, settings: { meta: META, calibration: CUP, frames: FRAMES, prePass: false, ...settings } }, job);
}

/** Per-channel means (channels on axis 1 of [1, C, H, W]) of `tensors` in `file` over the test frames. */
async function means(file: string, tensors: string[]): Promise<Float64Array[]> {
  const tapped = await openTapped(file, 'onnx', { tensors });
  try {
    const sums: Float64Array[] = [];
    let n = 0;
    for (const f of frames) {
      const outs = await tapped.run({ [tapped.inputNames[0]]: f }, tensors);
      tensors.forEach((t, k) => {
        const v = outs.get(t)!;
        const C = channelCount.get(t)!;
        const inner = v.length / C;
        sums[k] ??= new Float64Array(C);
        for (let i = 0; i < v.length; i++) sums[k][Math.floor(i / inner)] += v[i] / inner;
      });
      n++;
    }
    return sums.map((s) => s.map((x) => x / n));
  } finally {
    await tapped.dispose();
  }
}
const channelCount = new Map<string, number>();

/** Mean over every channel of every Conv of |E[float32] − E[int8]| at the Conv outputs (pre-activation in both). */
async function meanConvError(int8File: string): Promise<number> {
  const src = onnxProto.onnx.ModelProto.decode(await fs.readFile(BLAZE));
  const q = onnxProto.onnx.ModelProto.decode(await fs.readFile(int8File));
  const qByName = new Map(q.graph!.node!.filter((n) => n.opType === 'Conv').map((n) => [n.name, n.output![0]]));
  const inits = new Map(src.graph!.initializer!.map((t) => [t.name, t]));
  const pairs = src.graph!.node!.filter((n) => n.opType === 'Conv' && qByName.has(n.name)).map((n) => [n.output![0], qByName.get(n.name)!, Number(inits.get(n.input![1])!.dims![0])] as const);
  expect(pairs.length).toBeGreaterThan(30);
  for (const [f, qo, c] of pairs) {
    channelCount.set(f, c);
    channelCount.set(qo, c);
  }
  const mf = await means(BLAZE, pairs.map((p) => p[0]));
  const mq = await means(int8File, pairs.map((p) => p[1]));
  let sum = 0;
  let count = 0;
  mf.forEach((m, k) => m.forEach((x, c) => ((sum += Math.abs(x - mq[k][c])), count++)));
  return sum / count;
}

describe('bias correction on BlazeFace (real frames)', () => {
  it.each([false, true])('reduceRange %s: the corrected convs mean error drops to a small fraction of the uncorrected one', async (reduceRange) => {
    const off = await convert(`off-${reduceRange}`, { reduceRange, biasCorrection: false });
    const on = await convert(`on-${reduceRange}`, { reduceRange, biasCorrection: 'all' });
    expect(off.settings?.biasCorrection).toBe('off');
    const rep = on.settings?.biasCorrection as Record<string, number | string>;
    expect(rep).toMatchObject({ scope: 'all', frames: FRAMES });
    expect(rep.correctedNodes).toBe(37); // every Conv of BlazeFace is quantized with a bias
    expect(rep.levels).toBeGreaterThan(1);
    const before = await meanConvError(off.mainFile);
    const after = await meanConvError(on.mainFile);
    expect(before).toBeGreaterThan(0);
    // What remains: int32 bias rounding and float summation order — far under the error that was removed.
    expect(after).toBeLessThan(0.05 * before);
    expect(after).toBeCloseTo(rep.meanAbsErrorAfter as number, 3);
    // The description stored in the model says it.
    const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(on.mainFile));
    expect(m.metadataProps!.find((p) => p.key === 'edgelab.transform')!.value).toContain(`bias-corrected: all, ${FRAMES} frames`);
  }, 240_000);

  it('scope head corrects only the convs with no Conv downstream (in one level)', async () => {
    const res = await convert('head', { biasCorrection: 'head' });
    const rep = res.settings?.biasCorrection as Record<string, number | string>;
    expect(rep).toMatchObject({ scope: 'head', levels: 1 });
    expect(rep.correctedNodes).toBe(4); // the two class and two box predictor convs
    expect(rep.maxAbsErrorAfter as number).toBeLessThan(rep.maxAbsErrorBefore as number);
  }, 120_000);

  it('measures on the frames calibration decoded (no second decode): the clip removed once calibration read it changes nothing', async () => {
    const clip = join(scratch, 'cup-copy.mp4');
    await fs.copyFile(CUP, clip);
    let removed = false;
    const job = {
      progress: (p: { stage: string; done?: number; total?: number }) => {
        if (p.stage === 'calibrating' && p.done === FRAMES && !removed) {
          rmSync(clip); // every calibration frame has been read: a later read of the clip would fail
          removed = true;
        }
      },
    };
    const gone = await convert('clip-gone', { calibration: clip, biasCorrection: true }, job);
    expect(removed).toBe(true);
    expect(gone.settings?.biasCorrection).toMatchObject({ scope: 'depthwise', frames: FRAMES });
    // the same frames as a conversion whose clip stays: the same corrected model, byte for byte
    const kept = await convert('clip-kept', { biasCorrection: true });
    expect(Buffer.compare(await fs.readFile(gone.mainFile), await fs.readFile(kept.mainFile))).toBe(0);
  }, 120_000);

  it('a job cancelled during bias correction throws CANCELLED and writes nothing', async () => {
    const ac = new AbortController();
    const outName = 'cancelled';
    const err = await convert(outName, { biasCorrection: true }, { signal: ac.signal, progress: (p) => (p.stage.startsWith('bias correction: pass 3') ? ac.abort() : undefined) }).catch((e: unknown) => e);
    expect((err as EdgeLabError).code).toBe('CANCELLED');
    expect(await fs.readdir(join(scratch, outName))).toEqual([]);
  }, 120_000);

  it('option values: true / false / auto / a scope; anything else is BAD_INPUT', () => {
    expect(readBiasCorrection(true, 'm.onnx')).toBe('depthwise');
    expect(readBiasCorrection('all', 'm.onnx')).toBe('all');
    expect(readBiasCorrection(false, 'm.onnx')).toBe('off');
    expect(readBiasCorrection('depthwise', 'm.onnx')).toBe('depthwise');
    expect(readBiasCorrection('auto', 'm.onnx')).toBe('auto');
    expect(() => readBiasCorrection('most', 'm.onnx')).toThrow(EdgeLabError);
  });
});
