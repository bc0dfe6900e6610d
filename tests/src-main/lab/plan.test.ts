// Lab plan: the DAG's shape (ids, deps before dependents, placeholders only for deps) and every step's argv is a
// command line the real `edgelab` program accepts (command exists, every --flag is one of its options).
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../../src-main/cli/program';
import { planLab, resolveArgv, type LabPlan } from '../../../src-main/lab/plan';
import { loadSpec, parseSpec } from '../../../src-main/lab/spec';
import { REPO } from './tiny-lab';

const program = createProgram();

function checkArgvAgainstCli(plan: LabPlan): void {
  for (const s of plan.steps) {
    const cmd = program.commands.find((c: Command) => c.name() === s.argv[0]);
    expect(cmd, `${s.id}: command ${s.argv[0]}`).toBeDefined();
    const flags = new Set((cmd as Command).options.map((o) => o.long));
    for (const a of s.argv.slice(1)) if (a.startsWith('--')) expect(flags.has(a), `${s.id}: ${a} is an option of ${s.argv[0]}`).toBe(true);
    expect(s.argv.at(-1)).toBe('--json');
  }
}

describe('lab plan', () => {
  it("the repository's lab.yaml: steps, deps in topological order, argv of real CLI commands", () => {
    const plan = planLab(loadSpec(join(REPO, 'lab.yaml')));
    const ids = plan.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    plan.steps.forEach((s, i) => {
      for (const d of s.deps) expect(ids.indexOf(d), `${s.id} depends on ${d}`).toBeGreaterThanOrEqual(0);
      for (const d of s.deps) expect(ids.indexOf(d)).toBeLessThan(i);
      // every {{step:x}} placeholder names a dependency
      for (const m of s.argv.join(' ').matchAll(/\{\{step:([^}]+)\}\}/g)) expect(s.deps).toContain(m[1]);
      expect(s.outputs.stdout).toBe('{{out}}/stdout.json');
      expect(s.memoryMb).toBeGreaterThan(0);
    });
    expect(ids).toEqual(expect.arrayContaining(['convert:ssd:fp16', 'convert:ssd:uint8', 'convert:ssd-onnx:int8', 'replay:ssd:fp32:cup', 'replay:ssd:fp16:cup', 'compare:ssd-onnx:int8:cup', 'import-bench:0', 'report:ssd:cup:json']));
    expect(ids).not.toContain('convert:ssd:int8'); // int8 is asked for ssd-onnx and face only
    checkArgvAgainstCli(plan);
    const cmp = plan.steps.find((s) => s.id === 'compare:ssd:fp16:cup');
    expect(cmp?.deps).toEqual(['replay:ssd:fp32:cup', 'replay:ssd:fp16:cup']);
    expect(cmp?.argv).toContain('--gt');
    // a model with labels: false is compared with its float32 run only
    expect(plan.steps.find((s) => s.id === 'compare:face:fp16:cup')?.argv).not.toContain('--gt');
    const int8 = plan.steps.find((s) => s.id === 'convert:ssd-onnx:int8');
    expect(int8?.argv).toEqual(expect.arrayContaining(['--calibration', 'cup', '--method', 'percentile', '--percentile', '99.99', '--out', '{{out}}/model.onnx']));
    expect(plan.steps.find((s) => s.id === 'convert:ssd:fp16')?.outputs.model).toBe('{{out}}/model'); // TF.js: a folder
    expect(plan.steps.find((s) => s.id === 'replay:ssd:uint8:cup')?.argv).toEqual(expect.arrayContaining(['--model', '{{step:convert:ssd:uint8}}/model']));
    expect(plan.gates).toMatch(/map50_drop/); // the spec's gates travel with the plan (checked by the runner)
  });

  it('replay settings become replay flags; validate.layers adds layers steps; inputs are absolute', () => {
    const yaml = `name: t
models: [{ id: face, model: blazeface-front, embedder: faceres }]
variants: [{ kind: int8, calibration: { clip: cup, frames: 4, method: entropy, exclude: [a, b], targetSnrDb: 20 }, reduceRange: true }]
clips: [{ id: cup, clip: cup, frames: 5 }]
replay: { detectEvery: 3, scoreThreshold: 0.4, iouThreshold: 0.6, maxDetections: 7, deviceLatencyMs: 120, thumbnailSize: 0 }
validate: { layers: true, frames: 2 }
reports: [json, html]
`;
    const plan = planLab(parseSpec(yaml, join(REPO, 'virtual-lab.yaml')));
    checkArgvAgainstCli(plan);
    const replay = plan.steps.find((s) => s.id === 'replay:face:int8:cup');
    expect(replay?.argv).toEqual(['replay', '--model', '{{step:convert:face:int8}}/model.onnx', '--clip', 'cup', '--frames', '5', '--detect-every', '3', '--score', '0.4', '--iou', '0.6', '--max-detections', '7', '--device-latency', '120', '--thumbnail-size', '0', '--embedder', 'faceres', '--out', '{{out}}/run', '--json']);
    const convert = plan.steps.find((s) => s.id === 'convert:face:int8');
    expect(convert?.argv).toEqual(expect.arrayContaining(['--exclude', 'a', '--target-snr', '20', '--reduce-range', 'on', '--method', 'entropy']));
    expect(plan.steps.find((s) => s.id === 'validate:face:int8')?.argv.slice(0, 3)).toEqual(['layers', 'blazeface-front', '{{step:convert:face:int8}}/model.onnx']);
    expect(plan.steps.filter((s) => s.kind === 'report').map((s) => s.id)).toEqual(['report:face:cup:json', 'report:face:cup:html']);
    for (const s of plan.steps) for (const p of s.inputs) expect(p.startsWith('/')).toBe(true);
    // the embedder is an input of every replay; the float32 replay also hashes the model itself
    expect(plan.steps.find((s) => s.id === 'replay:face:fp32:cup')?.inputs.length).toBe(3);
  });

  it('resolveArgv substitutes the step folder and dependency folders', () => {
    const plan = planLab(loadSpec(join(REPO, 'lab.yaml')));
    const cmp = plan.steps.find((s) => s.id === 'compare:ssd:fp16:cup');
    if (!cmp) throw new Error('no compare step');
    const argv = resolveArgv(cmp, '/o', (id) => `/steps/${id.replace(/:/g, '_')}`);
    expect(argv.slice(0, 3)).toEqual(['compare', '/steps/replay_ssd_fp32_cup/run', '/steps/replay_ssd_fp16_cup/run']);
    expect(argv.join(' ')).not.toContain('{{');
  });
});
