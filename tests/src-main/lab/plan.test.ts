// Lab plan: the DAG's shape (ids, deps before dependents, placeholders only for deps) and every step is an API call
// `{ method, args }` its method's own schema accepts, run as a command line the real `edgelab` program accepts (the
// generic `call` entry: the method is one of its choices, every --flag one of its options).
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { argSchemas } from '../../../src-shared/api';
import { createProgram } from '../../../src-main/cli/program';
import { planLab, resolveStep, type LabPlan } from '../../../src-main/lab/plan';
import { loadSpec, parseSpec } from '../../../src-main/lab/spec';
import { callArgv, placeholderDeps } from '../../../src-main/lab/step-call';
import { REPO } from './tiny-lab';

const program = createProgram();

function checkCallsAgainstApiAndCli(plan: LabPlan): void {
  const call = program.commands.find((c: Command) => c.name() === 'call') as Command;
  expect(call).toBeDefined();
  const flags = new Set(call.options.map((o) => o.long));
  for (const s of plan.steps) {
    expect(argSchemas[s.method].safeParse(s.args).success, `${s.id}: args of ${s.method}`).toBe(true);
    const argv = callArgv(s);
    expect(argv.slice(0, 2)).toEqual(['call', s.method]);
    expect((call.registeredArguments[0] as { argChoices?: string[] }).argChoices).toContain(s.method);
    for (const a of argv.slice(2)) if (a.startsWith('--')) expect(flags.has(a), `${s.id}: ${a} is an option of call`).toBe(true);
    expect(JSON.parse(argv[argv.indexOf('--args') + 1] as string)).toEqual(s.args);
    expect(argv.at(-1)).toBe('--json');
  }
}

describe('lab plan', () => {
  it("the repository's lab.yaml: steps, deps in topological order, calls of real API methods", () => {
    const plan = planLab(loadSpec(join(REPO, 'lab.yaml')));
    const ids = plan.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    plan.steps.forEach((s, i) => {
      for (const d of s.deps) expect(ids.indexOf(d), `${s.id} depends on ${d}`).toBeGreaterThanOrEqual(0);
      for (const d of s.deps) expect(ids.indexOf(d)).toBeLessThan(i);
      // every {{step:x}} placeholder names a dependency
      for (const d of placeholderDeps(s)) expect(s.deps).toContain(d);
      expect(s.outputs.stdout).toBe('{{out}}/stdout.json');
      expect(s.memoryMb).toBeGreaterThan(0);
    });
    expect(ids).toEqual(expect.arrayContaining(['convert:ssd:fp16', 'convert:ssd:uint8', 'convert:ssd-onnx:int8', 'replay:ssd:fp32:cup', 'replay:ssd:fp16:cup', 'compare:ssd-onnx:int8:cup', 'import-bench:0', 'report:ssd:cup:json']));
    expect(ids).not.toContain('convert:ssd:int8'); // int8 is asked for ssd-onnx and face only
    checkCallsAgainstApiAndCli(plan);
    const cmp = plan.steps.find((s) => s.id === 'compare:ssd:fp16:cup');
    expect(cmp?.deps).toEqual(['replay:ssd:fp32:cup', 'replay:ssd:fp16:cup']);
    expect(cmp).toMatchObject({ method: 'compare', args: { baseline: '{{step:replay:ssd:fp32:cup}}/run', variant: '{{step:replay:ssd:fp16:cup}}/run' } });
    expect(cmp?.args).toHaveProperty('gt');
    // a model with labels: false is compared with its float32 run only
    expect(plan.steps.find((s) => s.id === 'compare:face:fp16:cup')?.args).not.toHaveProperty('gt');
    const int8 = plan.steps.find((s) => s.id === 'convert:ssd-onnx:int8');
    expect(int8).toMatchObject({ method: 'convertModel', args: { to: 'int8', calibration: 'cup', method: 'percentile', percentile: 99.99, out: '{{out}}/model.onnx' } });
    expect(plan.steps.find((s) => s.id === 'convert:ssd:fp16')?.outputs.model).toBe('{{out}}/model'); // TF.js: a folder
    expect(plan.steps.find((s) => s.id === 'replay:ssd:uint8:cup')?.args).toMatchObject({ model: '{{step:convert:ssd:uint8}}/model' });
    expect(plan.gates).toMatch(/map50_drop/); // the spec's gates travel with the plan (checked by the runner)
  });

  it("biasCorrection: auto (the src-shared list's value) reaches the int8 convert step's args and passes the API and CLI", () => {
    const yaml = `name: t
models: [{ id: face, model: blazeface-front }]
variants: [{ kind: int8, biasCorrection: auto }]
clips: [{ id: cup, clip: cup, frames: 5 }]
reports: [json]
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    checkCallsAgainstApiAndCli(plan);
    expect(plan.steps.find((s) => s.id === 'convert:face:int8')?.args).toMatchObject({ to: 'int8', biasCorrection: 'auto' });
  });

  it('replay settings become replay args; validate.layers adds layers steps; inputs are absolute', () => {
    const yaml = `name: t
models: [{ id: face, model: blazeface-front, embedder: faceres }]
variants: [{ kind: int8, calibration: { clip: cup, frames: 4, method: entropy, exclude: [a, b], targetSnrDb: 20 }, reduceRange: true, biasCorrection: false }]
clips: [{ id: cup, clip: cup, frames: 5 }]
replay: { detectEvery: 3, scoreThreshold: 0.4, iouThreshold: 0.6, maxDetections: 7, deviceLatencyMs: 120, thumbnailSize: 0 }
validate: { layers: true, frames: 2 }
reports: [json, html]
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    checkCallsAgainstApiAndCli(plan);
    const replay = plan.steps.find((s) => s.id === 'replay:face:int8:cup');
    expect(replay?.method).toBe('replay');
    expect(replay?.args).toEqual({ model: '{{step:convert:face:int8}}/model.onnx', clip: 'cup', frames: 5, detectEvery: 3, scoreThreshold: 0.4, iouThreshold: 0.6, maxDetections: 7, deviceLatencyMs: 120, thumbnailSize: 0, embedder: 'faceres', out: '{{out}}/run' });
    const convert = plan.steps.find((s) => s.id === 'convert:face:int8');
    expect(convert?.args).toEqual({ model: 'blazeface-front', to: 'int8', calibration: 'cup', frames: 4, method: 'entropy', exclude: ['a', 'b'], targetSnrDb: 20, reduceRange: true, biasCorrection: false, out: '{{out}}/model.onnx' });
    expect(plan.steps.find((s) => s.id === 'validate:face:int8')).toMatchObject({ method: 'layers', args: { model: 'blazeface-front', variant: '{{step:convert:face:int8}}/model.onnx', clip: 'cup', frames: 2 } });
    expect(plan.steps.filter((s) => s.kind === 'report').map((s) => s.id)).toEqual(['report:face:cup:json', 'report:face:cup:html']);
    for (const s of plan.steps) for (const p of s.inputs) expect(p.startsWith('/')).toBe(true);
    // the embedder is an input of every replay; the float32 replay also hashes the model itself
    expect(plan.steps.find((s) => s.id === 'replay:face:fp32:cup')?.inputs.length).toBe(3);
  });

  it('a .tflite model gets the .tflite transforms (fp16, int8-weights); each convert writes model.tflite, which the replays read', () => {
    const yaml = `name: t
models: [{ id: det, model: tests/fixtures/tflite/tiny_ssd_postprocess.tflite }]
variants: [{ kind: fp16 }, { kind: int8-weights, calibration: { exclude: [conv] } }]
clips: [{ id: cup, clip: cup, frames: 3 }]
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    checkCallsAgainstApiAndCli(plan);
    const ids = plan.steps.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['convert:det:fp16', 'convert:det:int8-weights', 'replay:det:fp16:cup', 'replay:det:int8-weights:cup']));
    expect(plan.steps.find((s) => s.id === 'convert:det:int8-weights')?.args).toMatchObject({ to: 'int8-weights', exclude: ['conv'], out: '{{out}}/model.tflite' });
    expect(plan.steps.find((s) => s.id === 'replay:det:fp16:cup')?.args).toMatchObject({ model: '{{step:convert:det:fp16}}/model.tflite' });
    expect(() => parseSpec(yaml.replace('{ kind: fp16 }', '{ kind: uint8 }'), join(REPO, 'virtual-lab.yaml'))).toThrow(/no model of this lab has a uint8 transform/);
  });

  it('a tflite variant of an ONNX model: its convert writes model.tflite, its replay and validate read that file', () => {
    const yaml = `name: t
models: [{ id: face, model: blazeface-front }]
variants: [{ kind: tflite }]
clips: [{ id: cup, clip: cup, frames: 3 }]
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    checkCallsAgainstApiAndCli(plan);
    expect(plan.steps.find((s) => s.id === 'convert:face:tflite')).toMatchObject({ args: { to: 'tflite', out: '{{out}}/model.tflite' }, settings: { format: 'tflite' } });
    expect(plan.steps.find((s) => s.id === 'replay:face:tflite:cup')?.args).toMatchObject({ model: '{{step:convert:face:tflite}}/model.tflite' });
  });

  it("a clip's models limit the replays, compares and reports on that clip; an unknown model id there is refused", () => {
    const yaml = `name: t
models: [{ id: face, model: blazeface-front }, { id: ssd, model: ssd-mobilenet-v2-coco-onnx }]
variants: [{ kind: fp16 }]
clips: [{ id: cup, clip: cup, frames: 5 }, { id: walk, clip: vtest, frames: 5, models: [ssd] }]
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    const onWalk = plan.steps.filter((s) => s.id.endsWith(':walk') || s.id.includes(':walk:')).map((s) => s.id);
    expect(onWalk.sort()).toEqual(['compare:ssd:fp16:walk', 'replay:ssd:fp16:walk', 'replay:ssd:fp32:walk', 'report:ssd:walk:json'].sort());
    expect(plan.steps.map((s) => s.id)).toEqual(expect.arrayContaining(['replay:face:fp32:cup', 'replay:ssd:fp32:cup']));
    expect(() => parseSpec(yaml.replace('models: [ssd]', 'models: [car]'), join(REPO, 'virtual-lab.yaml'))).toThrow(/clips\[1\]\.models\[0\]: unknown model id "car"/);
  });

  it('a sweep entry adds one sweep step per model × clip: the clip frames and labels, replay settings, the spec gates', () => {
    const yaml = `name: t
models: [{ id: ssd, model: ssd-mobilenet-v2-coco-onnx }]
clips: [{ id: cup, clip: cup, frames: 24 }, { id: vtest, clip: vtest, frames: 12, gt: lab.yaml, classAgnostic: true }]
replay: { scoreThreshold: 0.4, thumbnailSize: 0 }
gates: map50_drop>0.1
sweep: { cadences: [1, 2, 5, motion], maxIntervalMs: 300 }
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    checkCallsAgainstApiAndCli(plan);
    const sweeps = plan.steps.filter((s) => s.kind === 'sweep');
    expect(sweeps.map((s) => s.id)).toEqual(['sweep:ssd:cup', 'sweep:ssd:vtest']);
    expect(sweeps[0]).toMatchObject({ method: 'sweep', deps: [] });
    expect(sweeps[0].args).toEqual({ model: 'ssd-mobilenet-v2-coco-onnx', clip: 'cup', frames: 24, cadences: [1, 2, 5, 'motion'], failOn: 'map50_drop>0.1', scoreThreshold: 0.4, thumbnailSize: 0, maxIntervalMs: 300 });
    expect(sweeps[1].args).toMatchObject({ clip: 'vtest', frames: 12, gt: 'lab.yaml', classAgnostic: true });
    expect(() => parseSpec(yaml.replace('[1, 2, 5, motion]', '[0, 2]'), join(REPO, 'virtual-lab.yaml'))).toThrow(/sweep/);
  });

  it('resolveStep substitutes the step folder and dependency folders in every string of the args', () => {
    const plan = planLab(loadSpec(join(REPO, 'lab.yaml')));
    const dep = (id: string) => `/steps/${id.replace(/:/g, '_')}`;
    const cmp = plan.steps.find((s) => s.id === 'compare:ssd:fp16:cup');
    if (!cmp) throw new Error('no compare step');
    const call = resolveStep(cmp, '/o', dep);
    expect(call.method).toBe('compare');
    expect(call.args).toMatchObject({ baseline: '/steps/replay_ssd_fp32_cup/run', variant: '/steps/replay_ssd_fp16_cup/run' });
    const rep = plan.steps.find((s) => s.id === 'report:ssd:cup:json');
    if (!rep) throw new Error('no report step');
    const r = resolveStep(rep, '/o', dep).args as { runs: string[]; out: string };
    expect(r.runs[0]).toBe('/steps/replay_ssd_fp32_cup/run');
    for (const run of r.runs) expect(run).toMatch(/^\/steps\/replay_ssd_[^/]+_cup\/run$/);
    expect(r.out).toBe('/o/report.json');
    for (const s of plan.steps) expect(JSON.stringify(resolveStep(s, '/o', dep))).not.toContain('{{');
    expect(JSON.stringify(rep)).toContain('{{'); // the plan step itself keeps its placeholders
  });
});
