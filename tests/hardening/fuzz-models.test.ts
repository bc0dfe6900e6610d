// Property: a model reader given a mutated copy of a real model (bit flips, truncation, splices, overwrites,
// deletions) either inspects it or throws EdgeLabError BAD_INPUT — never another exception, never a hang.
// Seeded and bounded (200 runs per format) so the suite stays fast and a failure replays exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectModel } from '../../src-main/models/registry';
import { EdgeLabError } from '../../src-shared/protocol';
import { mutate, mutationsArb, within } from './mutate';

/** EDGELAB_FUZZ_RUNS / EDGELAB_FUZZ_SEED: deeper or different runs by hand; the suite uses 200 runs, fixed seeds. */
const RUNS = Number(process.env.EDGELAB_FUZZ_RUNS ?? 200);
const SEED0 = Number(process.env.EDGELAB_FUZZ_SEED ?? 0);
const REPO = join(import.meta.dirname, '..', '..');
let scratch: string;
const outcomes: Record<string, { ok: number; bad: number }> = {};

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-fuzz-models-'));
});
afterAll(async () => {
  console.info('fuzz models (parsed / BAD_INPUT):', JSON.stringify(outcomes));
  await fs.rm(scratch, { recursive: true, force: true });
});

/** Inspects `bytes` written as `name` (beside `extra` files); records the outcome; rethrows anything but BAD_INPUT. */
async function inspectMutated(label: string, dir: string, name: string, bytes: Uint8Array): Promise<void> {
  await fs.writeFile(join(dir, name), bytes);
  const o = (outcomes[label] ??= { ok: 0, bad: 0 });
  try {
    await within(inspectModel(join(dir, name)), 10_000, `${label} inspect`);
    o.ok++;
  } catch (e) {
    if (e instanceof EdgeLabError && e.code === 'BAD_INPUT') {
      expect(e.message.length).toBeGreaterThan(0);
      o.bad++;
      return;
    }
    throw e;
  }
}

const SEEDS = { onnx: 1001, tflite: 1002, tfjs: 1003 };

describe('model readers under mutation', () => {
  it('ONNX (BlazeFace, 442 KB): parse or BAD_INPUT', async () => {
    const src = readFileSync(join(REPO, 'models/blazeface-front/face_detection_front_128x128.onnx'));
    const dir = await fs.mkdtemp(join(scratch, 'onnx-'));
    await fc.assert(fc.asyncProperty(mutationsArb, (ms) => inspectMutated('onnx', dir, 'm.onnx', mutate(src, ms))), { numRuns: RUNS, seed: SEED0 + SEEDS.onnx });
    expect(outcomes.onnx!.ok + outcomes.onnx!.bad).toBe(RUNS);
  });

  it('TFLite (hello_world_float): parse or BAD_INPUT', async () => {
    const src = readFileSync(join(REPO, 'tests/fixtures/tflite/hello_world_float.tflite'));
    const dir = await fs.mkdtemp(join(scratch, 'tflite-'));
    await fc.assert(fc.asyncProperty(mutationsArb, (ms) => inspectMutated('tflite', dir, 'm.tflite', mutate(src, ms))), { numRuns: RUNS, seed: SEED0 + SEEDS.tflite });
    expect(outcomes.tflite!.bad).toBeGreaterThan(0);
  });

  it('TF.js model.json (the centernet detector topology, shards beside it): parse or BAD_INPUT', async () => {
    // The real model.json is mutated; its real shards are linked in beside it so intact manifests resolve.
    const modelDir = join(REPO, 'models/centernet-mobilenet-v3-coco');
    const dir = await fs.mkdtemp(join(scratch, 'tfjs-'));
    for (const f of await fs.readdir(modelDir)) if (f.endsWith('.bin')) await fs.symlink(join(modelDir, f), join(dir, f));
    const src = readFileSync(join(modelDir, 'centernet.json'));
    await fc.assert(fc.asyncProperty(mutationsArb, (ms) => inspectMutated('tfjs', dir, 'model.json', mutate(src, ms))), { numRuns: RUNS, seed: SEED0 + SEEDS.tfjs });
    expect(outcomes.tfjs!.ok + outcomes.tfjs!.bad).toBe(RUNS);
  });
});
