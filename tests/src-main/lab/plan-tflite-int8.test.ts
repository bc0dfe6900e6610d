// Lab spec with a full-integer int8 variant of a .tflite model: the plan's convert step is `convertModel` with the
// calibration settings and `out` model.tflite, and that very step, resolved, runs through the BUILT CLI's generic
// `edgelab call` (run `npm run build` first) and writes the int8 .tflite, validated on real frames.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLab, resolveStep } from '../../../src-main/lab/plan';
import { parseSpec } from '../../../src-main/lab/spec';
import { callArgv } from '../../../src-main/lab/step-call';
import { readTfliteModel } from '../../../src-main/formats/tflite/read-model';
import { edgelab, tempWorkspace } from '../cli/commands/spawn-cli';
import { REPO } from './tiny-lab';

let t: Awaited<ReturnType<typeof tempWorkspace>>;
beforeAll(async () => {
  t = await tempWorkspace();
});
afterAll(async () => {
  await t.cleanup();
});

describe('lab: int8 variant of a .tflite model', () => {
  it('plans convertModel { to: int8, calibration…, out: model.tflite } and the step runs through edgelab call', async () => {
    const yaml = `name: t
models: [{ id: emb, model: tests/fixtures/tflite/tiny_embedder_float.tflite }]
variants: [{ kind: int8, calibration: { clip: cup, frames: 4, method: percentile, percentile: 99.9 } }]
clips: [{ id: cup, clip: cup, frames: 2 }]
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    const step = plan.steps.find((s) => s.id === 'convert:emb:int8')!;
    expect(step).toMatchObject({ method: 'convertModel', settings: { format: 'tflite' } });
    expect(step.args).toMatchObject({ to: 'int8', calibration: 'cup', frames: 4, method: 'percentile', percentile: 99.9, out: '{{out}}/model.tflite' });
    expect(plan.steps.find((s) => s.id === 'replay:emb:int8:cup')?.args).toMatchObject({ model: '{{step:convert:emb:int8}}/model.tflite' });

    const outDir = join(t.ws, '..', 'step');
    const call = resolveStep(step, outDir, () => '/unused');
    const r = await edgelab(t.ws, callArgv(call));
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toBe(join(outDir, 'model.tflite'));
    expect(j.variant.settings).toMatchObject({ method: 'percentile', percentile: 99.9, calibrationFrames: 4 });
    expect(j.validation.cosine).toBeGreaterThan(0.99);
    const m = readTfliteModel(new Uint8Array(await fs.readFile(j.output)), j.output);
    expect(m.operators.find((o) => o.op === 'FULLY_CONNECTED')!.inputs.slice(0, 2).map((i) => m.tensors[i].type)).toEqual(['int8', 'int8']);
  }, 120_000);
});
