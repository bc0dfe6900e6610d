// Sampled taps (formats/onnx/tap-sample.ts, reduce: 'sample'), what entropy calibration reads: for a
// tensor of N ≥ 2·SAMPLE_TARGET elements, every k-th element of it (k = 2·⌊N / 2·SAMPLE_TARGET⌋ + 1, odd) with its
// exact min and max appended; a smaller tensor whole. Checked on a conv chain built here against the same tensors
// read whole, through onnxruntime; calibration's entropy ranges on a real model stay close to those of the whole
// tensors (the sample keeps the histogram's shape) with the exact extents; percentile still reads whole tensors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openTapped } from '../../../../src-main/runtimes/tapped';
import { SAMPLE_TARGET } from '../../../../src-main/formats/onnx/tap-sample';
import { CALIBRATION_THREADS, collectRanges } from '../../../../src-main/calibration/collect';
import { createCalibrator } from '../../../../src-main/calibration/calibrators';
import { calibrationFrames, openCalibrationSource } from '../../../../src-main/calibration/reader';
import { bundledModelPath, findBundledModel, samplesDir } from '../../../../src-main/models/catalog';
import { silentJob } from '../../../../src-main/jobs/context';
import { convChain, type ConvSpec } from '../../../support/onnx-build';

// 3×96×96 input: c0.out / c0.relu hold 8·96·96 = 73,728 elements (k = 2·⌊73728 / 32768⌋ + 1 = 5), c1.out 4·96·96
// = 36,864 (k = 3); y = 2·96·96 = 18,432 < 2·SAMPLE_TARGET: whole.
const LAYERS: ConvSpec[] = [
  { name: 'c0', shape: [8, 3, 3, 3], relu: true },
  { name: 'c1', shape: [4, 8, 3, 3], relu: true },
  { name: 'c2', shape: [2, 4, 1, 1] },
];
const SIZE = 96;
// Calibration's default frame count: its per-frame sample target is SAMPLE_TARGET (sampleTarget(100)).
const FRAMES = 100;
const NAMES = ['c0.out', 'c0.relu', 'c1.out', 'c1.relu', 'y'];

let scratch: string;
let file: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-tap-sample-'));
  file = join(scratch, 'chain.onnx');
  await fs.writeFile(file, convChain(LAYERS, SIZE));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe("ONNX taps, reduce: 'sample'", () => {
  it('gives every k-th element (k odd, from the size) plus the exact extremes, or the whole tensor below 2·SAMPLE_TARGET', async () => {
    const x = { data: Float32Array.from({ length: 3 * SIZE * SIZE }, (_, i) => Math.sin(i * 0.37) * 2), shape: [1, 3, SIZE, SIZE], dtype: 'float32' as const };
    const full = await openTapped(file, 'onnx', { tensors: NAMES });
    const sampled = await openTapped(file, 'onnx', { tensors: NAMES, reduce: 'sample' });
    try {
      const [a, b] = [await full.run({ x }), await sampled.run({ x })];
      for (const n of NAMES) {
        const whole = a.get(n)!;
        const got = b.get(n)!;
        const N = whole.length;
        const k = 2 * Math.floor(N / (2 * SAMPLE_TARGET)) + 1;
        if (k === 1) {
          expect([...got], n).toEqual([...whole]);
          continue;
        }
        expect(k % 2, n).toBe(1);
        const every = whole.filter((_, i) => i % k === 0);
        expect(every.length, n).toBeGreaterThanOrEqual((2 * SAMPLE_TARGET) / 3);
        expect(every.length, n).toBeLessThanOrEqual((4 * SAMPLE_TARGET) / 3 + 1);
        let [lo, hi] = [Infinity, -Infinity];
        for (const v of whole) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
        expect([...got], n).toEqual([...every, lo, hi]);
      }
      expect(b.get('y')!.length).toBe(2 * SIZE * SIZE); // below 2·SAMPLE_TARGET: whole
      expect(b.get('c0.out')!.length).toBe(Math.ceil((8 * SIZE * SIZE) / 5) + 2);
    } finally {
      await full.dispose();
      await sampled.dispose();
    }
  });

  it('calibration on a real model, 100 frames: entropy (sampled) has the exact extents and ranges close to the whole tensors\', percentile (whole) the same ranges', async () => {
    const m = findBundledModel('blazeface-front')!;
    const modelFile = bundledModelPath(m);
    const frames = async () => calibrationFrames(await openCalibrationSource(join(samplesDir(), 'cup.mp4')), m.meta.input, FRAMES);
    // Read with calibration's session options (threads, no memory pattern), so the whole tensors are computed by the
    // same kernels on any CPU and percentile's ranges can be compared exactly.
    const probe = await openTapped(modelFile, 'onnx', 'float-intermediates', { threads: CALIBRATION_THREADS, memPattern: false });
    const tensors = probe.taps.map((t) => t.tensor);
    const inputName = probe.inputNames[0]!;
    // The whole tensors, into the same calibrators calibration uses.
    const whole = new Map(tensors.map((t) => [t, { entropy: createCalibrator('entropy'), percentile: createCalibrator('percentile') }]));
    let largest = 0;
    try {
      for await (const f of await frames()) {
        const outs = await probe.run({ [inputName]: f.tensor }, tensors);
        for (const v of outs.values()) largest = Math.max(largest, v.length);
        for (const [t, c] of whole) {
          c.entropy.add(outs.get(t)!);
          c.percentile.add(outs.get(t)!);
        }
      }
    } finally {
      await probe.dispose();
    }
    // entropy reads samples: extents exact, ranges close to the whole tensors'. Measured (AMD EPYC, this clip):
    // p90 of |range − whole-tensor range| / span 0.75 %, largest 33 %. A sample that missed part of the tensor (a
    // stride that kept one border column, a wrong size) moves them far more.
    const entropy = await collectRanges(modelFile, tensors, await frames(), inputName, 'entropy', {}, silentJob, FRAMES);
    const diffs: number[] = [];
    for (const t of tensors) {
      const want = whole.get(t)!.entropy;
      expect(entropy.extents.get(t), `${t} extent`).toEqual(want.extent());
      const [wl, wh] = want.range();
      const [gl, gh] = entropy.ranges.get(t)!;
      diffs.push(Math.max(Math.abs(gl - wl), Math.abs(gh - wh)) / Math.max(wh - wl, 1e-6));
    }
    diffs.sort((a, b) => a - b);
    expect(diffs[Math.floor(diffs.length * 0.9)], '90th percentile').toBeLessThan(0.05);
    expect(diffs.at(-1), 'largest').toBeLessThan(0.5);
    // percentile reads whole tensors (an extreme quantile needs every value): the same ranges exactly.
    const percentile = await collectRanges(modelFile, tensors, await frames(), inputName, 'percentile', {}, silentJob, FRAMES);
    for (const t of tensors) expect(percentile.ranges.get(t), `percentile ${t}`).toEqual(whole.get(t)!.percentile.range());
    // BlazeFace at 128×128 has tensors past 2·SAMPLE_TARGET (24×64×64): the sample is exercised, not only whole tensors.
    expect(largest).toBeGreaterThanOrEqual(2 * SAMPLE_TARGET);
  }, 120_000);
});
