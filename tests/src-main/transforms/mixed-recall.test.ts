// Mixed precision by detection agreement (--target-recall, transforms/mixed-precision.ts + mixed-prefix.ts) on the
// bundled BlazeFace, 32 frames of cup.mp4, real onnxruntime. What holds on every CPU: every step reports the recall it
// measured, step 0 is full int8; the report's recall is the delivered model's, measured on the frames the
// conversion's validation uses (validated again here); a delivered set met the target within the latency limit; a
// target full int8 already meets costs no search; a target not met is reported with its reason and full int8 is
// delivered. (CenterNet, where the search delivers: `npm run bench:quant` models[], docs/quantization.md.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mixedPrecisionOnnx, type MixedPrecisionReport } from '../../../src-main/transforms/mixed-precision';
import { MAX_LATENCY_RATIO } from '../../../src-main/transforms/mixed-search';
import { bundledModelsDir, findBundledModel } from '../../../src-main/models/catalog';
import { MAX_VALIDATION_FRAMES, validateVariant } from '../../../src-main/validation/validate';
import { EdgeLabError } from '../../../src-shared/protocol';

const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');
const CUP = join(process.cwd(), 'samples/cup.mp4');
const META = findBundledModel('blazeface-front')!.meta;
const silent = { progress: () => {} };
let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-mixed-recall-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function run(name: string, settings: Record<string, unknown>) {
  const outDir = join(scratch, name);
  await fs.mkdir(outDir);
  const res = await mixedPrecisionOnnx.apply({ source: BLAZE, outDir, settings: { meta: META, calibration: CUP, frames: MAX_VALIDATION_FRAMES, ...settings } }, silent);
  return { res, mixed: res.settings!.mixedPrecision as MixedPrecisionReport };
}

describe('mixed precision --target-recall, BlazeFace on cup.mp4', () => {
  it('target 1: steps with their recall; the delivered recall is re-measured on the same frames; met within the limit, or reported', async () => {
    const { res, mixed } = await run('one', { targetRecall: 1 });
    expect(mixed.targetRecall).toBe(1);
    expect(mixed.targetSnrDb).toBeUndefined();
    expect(mixed.evalFrames).toBe(MAX_VALIDATION_FRAMES);
    expect(mixed.steps.length).toBeGreaterThan(1);
    for (const s of mixed.steps) expect(typeof s.recall50).toBe('number');
    expect(mixed.steps[0]).toMatchObject({ keptFloat: 0, accepted: true, recall50: mixed.fullInt8Recall50 });
    const again = await validateVariant({ reference: { file: BLAZE, format: 'onnx' }, variant: { file: res.mainFile, format: 'onnx' }, meta: META, source: CUP, frames: MAX_VALIDATION_FRAMES }, silent);
    expect(again.detection!.recall50).toBe(mixed.recall50);
    console.log(
      `BlazeFace --target-recall 1 (32 frames of cup): full int8 ${mixed.fullInt8Recall50?.toFixed(3)} → ${mixed.recall50?.toFixed(3)} ${mixed.reached ? 'reached' : `not reached (${mixed.notReachedReason})`}; ` +
        `steps ${mixed.steps.map((s) => `${s.keptFloat}:${s.recall50!.toFixed(3)}/${s.latencyRatio.toFixed(2)}×${s.accepted ? '' : '✗'}`).join(' ')}`,
    );
    if (mixed.reached) {
      expect(mixed.recall50).toBeGreaterThanOrEqual(1);
      expect(mixed.latencyRatioToFloat32).toBeLessThanOrEqual(MAX_LATENCY_RATIO);
      expect(mixed.steps.filter((s) => s.accepted && s.keptFloat > 0)).toHaveLength(1);
    } else {
      expect(mixed.notReachedReason).toMatch(/found 1 of float32's detections/);
      expect(mixed.keptFloatNodes).toEqual([]);
      expect(mixed.recall50).toBe(mixed.fullInt8Recall50);
    }
  }, 300_000);

  it('a target full int8 meets: no search, nothing kept in float', async () => {
    const { mixed } = await run('low', { targetRecall: 0.05 });
    expect(mixed).toMatchObject({ reached: true, keptFloatNodes: [], evaluations: 0 });
    expect(mixed.steps).toHaveLength(1);
  }, 120_000);

  it('refuses two targets, and a recall target for a model without a detection decoder', async () => {
    await expect(run('both', { targetRecall: 0.9, targetSnrDb: 20 })).rejects.toThrow(/one target: --target-snr <dB> or --target-recall/);
    const { decoder: _, ...noDecoder } = META;
    const err = await run('nodec', { targetRecall: 0.9, meta: noDecoder }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect((err as EdgeLabError).message).toMatch(/--target-recall needs a detector/);
  }, 60_000);
});
