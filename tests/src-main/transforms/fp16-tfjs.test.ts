// fp16 of real TF.js graph models: size, stock-format manifest, stock tf.loadGraphModel, outputs on a
// real frame close to float32, lossless copy of already-fp16 weights, cancellation.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { fp16Tfjs, SHARD_BYTES } from '../../../src-main/transforms/fp16-tfjs';
import { tfjsReader } from '../../../src-main/formats/tfjs/reader';
import { modelSizeBytes, modelFiles } from '../../../src-main/models/hash';
import { bundledModelsDir, samplesDir } from '../../../src-main/models/catalog';
import type { Progress } from '../../../src-shared/protocol';
import { EdgeLabError } from '../../../src-shared/protocol';
import { decodeFrame, loadGraphModelFromDisk, useWasm } from './real-frame';

const SSD = join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json');
const CENTERNET = join(bundledModelsDir(), 'centernet-mobilenet-v3-coco/centernet.json');

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-fp16-tfjs-'));
  await useWasm();
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function convert(source: string, name: string, progress: Progress[] = []) {
  const outDir = join(scratch, name);
  await fs.mkdir(outDir);
  const res = await fp16Tfjs.apply({ source, outDir, settings: {} }, { progress: (p) => progress.push(p) });
  return { outDir, res };
}

describe('fp16-tfjs on SSD-MobileNetV2 (float32)', () => {
  let res: Awaited<ReturnType<typeof convert>>['res'];
  const progress: Progress[] = [];
  beforeAll(async () => {
    ({ res } = await convert(SSD, 'ssd', progress));
  });

  it('halves the size and writes the stock float16 manifest', async () => {
    const ratio = (await modelSizeBytes(res.mainFile)) / (await modelSizeBytes(SSD));
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
    const json = JSON.parse(await fs.readFile(res.mainFile, 'utf8'));
    const weights = json.weightsManifest[0].weights;
    const floats = weights.filter((w: { quantization?: unknown }) => w.quantization);
    expect(floats.length).toBe(239);
    for (const w of floats) expect(w).toMatchObject({ dtype: 'float32', quantization: { dtype: 'float16', original_dtype: 'float32' } });
    // Converter-style shards: all 4 MiB but the last.
    const files = await modelFiles(res.mainFile);
    expect(res.files.slice().sort()).toEqual(files.slice().sort());
    const sizes = await Promise.all(files.slice(1).map(async (f) => (await fs.stat(f)).size));
    expect(sizes.slice(0, -1).every((s) => s === SHARD_BYTES)).toBe(true);
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(SHARD_BYTES);
  });

  it('keeps the int32 tensors, listing them in keptFloat', async () => {
    const src = await tfjsReader.inspect(SSD);
    const out = await tfjsReader.inspect(res.mainFile);
    expect(out.parameters).toBe(src.parameters);
    expect(out.weightDtypes.float16).toBe(src.weightDtypes.float32);
    expect(out.weightDtypes.int32).toBe(src.weightDtypes.int32);
    expect(out.inputs).toEqual(src.inputs);
    expect(res.keptFloat).toHaveLength(23);
    expect(res.keptFloat.every((k) => /int32/.test(k.reason))).toBe(true);
  });

  it('reports progress per tensor, ending at 1', () => {
    expect(progress.filter((p) => p.unit === 'tensors' && p.stage === 'fp16: weights')).toHaveLength(262);
    expect(progress[progress.length - 1].fraction).toBe(1);
  });

  it('loads in stock tf.loadGraphModel and agrees with float32 on a real frame', async () => {
    const rgb = await decodeFrame(join(samplesDir(), 'cup.mp4'), 300, 300);
    const input = tf.tensor4d(Int32Array.from(rgb), [1, 300, 300, 3], 'int32');
    const run = async (file: string) => {
      const m = await loadGraphModelFromDisk(file);
      const outs = (await m.executeAsync(input, ['Postprocessor/Slice', 'Postprocessor/ExpandDims_1'])) as tf.Tensor[];
      const data = { scores: (await outs[0].data()) as Float32Array, boxes: (await outs[1].data()) as Float32Array, shape: outs[0].shape };
      tf.dispose(outs);
      m.dispose();
      return data;
    };
    const a = await run(SSD);
    const b = await run(res.mainFile);
    input.dispose();
    expect(b.shape).toEqual([1, 1917, 90]);
    let maxScore = 0;
    let maxDiff = 0;
    let sumDiff = 0;
    let argA = 0;
    let argB = 0;
    for (let i = 0; i < a.scores.length; i++) {
      maxScore = Math.max(maxScore, a.scores[i]);
      const d = Math.abs(a.scores[i] - b.scores[i]);
      maxDiff = Math.max(maxDiff, d);
      sumDiff += d;
      if (a.scores[i] > a.scores[argA]) argA = i;
      if (b.scores[i] > b.scores[argB]) argB = i;
    }
    const meanDiff = sumDiff / a.scores.length;
    let maxBoxDiff = 0;
    for (let i = 0; i < a.boxes.length; i++) maxBoxDiff = Math.max(maxBoxDiff, Math.abs(a.boxes[i] - b.boxes[i]));
    console.log(
      `SSD fp16 vs fp32 on cup.mp4 frame 0: max |Δscore| ${maxDiff.toExponential(3)}, mean |Δscore| ${meanDiff.toExponential(3)}, ` +
        `max |Δbox| ${maxBoxDiff.toExponential(3)}, top score ${maxScore.toFixed(3)}`,
    );
    expect(maxScore).toBeGreaterThan(0.3); // the frame really yields a detection
    expect(argB).toBe(argA); // same best anchor × class
    expect(maxDiff).toBeGreaterThan(0); // the weights really changed
    // Measured here: max 0.0203 over the 172 530 sigmoid scores, mean 7e-6 (half-precision weight
    // rounding, what the tfjs converter's --quantize_float16 also does). Bounds: max 0.03, mean 1e-4.
    expect(maxDiff).toBeLessThan(0.03);
    expect(meanDiff).toBeLessThan(1e-4);
    expect(maxBoxDiff).toBeLessThan(0.02);
  });
});

describe('fp16-tfjs on an already-float16 model (CenterNet)', () => {
  it('copies the float16 weights bit for bit', async () => {
    const { res } = await convert(CENTERNET, 'centernet');
    const srcBin = await fs.readFile(join(bundledModelsDir(), 'centernet-mobilenet-v3-coco/centernet.bin'));
    const outShards = await Promise.all((await modelFiles(res.mainFile)).slice(1).map((f) => fs.readFile(f)));
    expect(Buffer.concat(outShards).equals(srcBin)).toBe(true);
    expect(res.keptFloat.every((k) => /int32/.test(k.reason))).toBe(true);
    expect(res.keptFloat).toHaveLength(40);
  });
});

describe('fp16-tfjs cancellation', () => {
  it('throws CANCELLED and leaves nothing in outDir', async () => {
    const outDir = join(scratch, 'cancelled');
    await fs.mkdir(outDir);
    const ac = new AbortController();
    let seen = 0;
    const err = await fp16Tfjs
      .apply({ source: SSD, outDir, settings: {} }, { signal: ac.signal, progress: () => ++seen === 50 && ac.abort() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect((err as EdgeLabError).code).toBe('CANCELLED');
    expect(seen).toBe(50);
    expect(await fs.readdir(outDir)).toEqual([]);
  });
});
