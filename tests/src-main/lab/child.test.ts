// A lab step as a child process of the BUILT CLI (`npm run build` first), through the generic `edgelab call` entry:
// stdout is the result JSON, progress lines reach onProgress, a usage error is exit 2 with its message in the tail,
// an abort stops it (exit 130).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry, runChild } from '../../../src-main/lab/child';
import { planLab } from '../../../src-main/lab/plan';
import { loadSpec } from '../../../src-main/lab/spec';
import { callArgv, resolveCall } from '../../../src-main/lab/step-call';
import { REPO } from './tiny-lab';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-lab-child-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('lab child process', () => {
  it('runs a step call: exit 0, its result JSON on stdout, progress fractions in [0, 1]', async () => {
    const fractions: number[] = [];
    const r = await runChild(callArgv({ method: 'replay', args: { model: 'blazeface-front', clip: 'cup', frames: 4, out: join(dir, 'run') } }), {
      cliEntry: cliEntry(REPO),
      workspace: join(dir, 'ws'),
      cwd: REPO,
      onProgress: (f) => fractions.push(f),
    });
    expect(r.code, r.stderrTail.join('\n')).toBe(0);
    expect(JSON.parse(r.stdout).frames).toBe(4);
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it('arguments the method schema refuses: exit 2, the field in the stderr tail', async () => {
    const r = await runChild(callArgv({ method: 'replay', args: { clip: 'cup' } } as never), { cliEntry: cliEntry(REPO), workspace: join(dir, 'ws'), cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderrTail.join('\n')).toMatch(/replay: model/);
  });

  it('abort: the child cancels (exit 130) and leaves no run folder', async () => {
    const ac = new AbortController();
    const out = join(dir, 'run-aborted');
    const r = await runChild(callArgv({ method: 'replay', args: { model: 'blazeface-front', clip: 'cup', out } }), {
      cliEntry: cliEntry(REPO),
      workspace: join(dir, 'ws'),
      cwd: REPO,
      signal: ac.signal,
      onProgress: (_f, stage) => stage.startsWith('replay') && ac.abort(),
    });
    expect(r.code).toBe(130);
    await expect(fs.stat(out)).rejects.toThrow();
  });
});

// Issue 21 (smaller): a model file named like a flag (`--version.onnx`) once broke its lab step. Steps now pass their
// arguments as one JSON document (`edgelab call <method> --args <json>`), so no file argument can be read as a flag:
// the plan's own convert step of such a model, and a relative `--version.onnx` given straight to the CLI, both work.
describe('a model file named like a flag', () => {
  it('--version.onnx: the lab plan step converts it and `call inspectModel` reads it by its relative name', async () => {
    const labDir = join(dir, 'flag-lab');
    await fs.mkdir(labDir);
    await fs.copyFile(join(REPO, 'models/blazeface-front/face_detection_front_128x128.onnx'), join(labDir, '--version.onnx'));
    await fs.writeFile(join(labDir, 'lab.yaml'), 'name: flag\nmodels:\n  - id: v\n    model: --version.onnx\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\n    frames: 1\nreports: [json]\n');
    const plan = planLab(loadSpec(join(labDir, 'lab.yaml')));
    const step = plan.steps.find((s) => s.method === 'convertModel');
    expect(step, plan.steps.map((s) => s.id).join(', ')).toBeDefined();
    const stepDir = join(dir, 'flag-step');
    await fs.mkdir(stepDir);
    const argv = callArgv(resolveCall(step!, stepDir, () => stepDir));
    expect(argv.slice(0, 3)).toEqual(['call', 'convertModel', '--args']);
    expect(argv.filter((a) => a.startsWith('--') && a !== '--args' && a !== '--json')).toEqual([]);
    const conv = await runChild(argv, { cliEntry: cliEntry(REPO), workspace: join(dir, 'ws-flag'), cwd: labDir });
    expect(conv.code, conv.stderrTail.join('\n')).toBe(0);
    expect(JSON.parse(conv.stdout).variant.kind).toBe('fp16');
    const inspect = await runChild(callArgv({ method: 'inspectModel', args: { model: '--version.onnx' } }), { cliEntry: cliEntry(REPO), workspace: join(dir, 'ws-flag'), cwd: labDir });
    expect(inspect.code, inspect.stderrTail.join('\n')).toBe(0);
    expect(JSON.parse(inspect.stdout).format).toBe('onnx');
  }, 120_000);
});
