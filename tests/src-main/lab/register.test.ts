// Registration of lab step outputs in a real workspace (no child processes): a replay step's run replaces the
// entry its child made in a temp folder, with the final folder, model name, kind and lab; a convert step's variant
// goes under its bundled parent, a second lab's same conversion keeps both; stale temp entries are dropped.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-shared/formats/run';
import { findBundledModel } from '../../../src-main/models/catalog';
import type { StepRecord } from '../../../src-main/lab/cache';
import type { LabPlan, LabStep } from '../../../src-main/lab/plan';
import { dropTempEntries, registerRun, registerVariant, repointReports } from '../../../src-main/lab/register';
import { Workspace } from '../../../src-main/workspace/workspace';

let dir: string;
let ws: Workspace;
const FACE = findBundledModel('blazeface-front')!;
const step = (id: string, kind: LabStep['kind'], settings: LabStep['settings'], args: Record<string, unknown>) => ({ id, kind, deps: [], inputs: [], settings, outputs: {}, memoryMb: 1, method: 'replay', args }) as unknown as LabStep;
const plan = (name: string): LabPlan => ({
  version: 1,
  name,
  specFile: '/x/lab.yaml',
  specDir: '/x',
  reports: [],
  steps: [step('replay:face:fp32:cup', 'replay', { model: 'face', variant: 'fp32', clip: 'cup' }, { model: 'blazeface-front' }), step('replay:face:fp16:cup', 'replay', { model: 'face', variant: 'fp16', clip: 'cup' }, { model: '{{step:convert:face:fp16}}/model.onnx' }), step('convert:face:fp16', 'convert', { model: 'face', variant: 'fp16' }, { model: 'blazeface-front' })],
});
const runEntry = (id: string, dir: string) =>
  ({ id, createdAt: '2026-01-01T00:00:00Z', model: { name: 'model.onnx', variantKind: 'fp32', sha256: 'b'.repeat(64), format: 'onnx' }, clip: { name: 'cup.mp4', path: '/c' }, frames: 1, dir }) as unknown as RunSummary;
const record = (key: string, stdout: unknown) => ({ key, stdout }) as StepRecord;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-register-'));
  ws = await Workspace.open(join(dir, 'ws'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('lab registration', () => {
  it("replaces the child's temp-folder run with the final folder, the parent's name, the real kind and the lab", async () => {
    const labDir = ws.path('labs', 'a');
    const tmp = join(labDir, 'steps', '.edgelab-tmp-1-k1.abc', 'run');
    const child = runEntry('model-onnx-1', tmp);
    await ws.update((m) => void m.runs.push(child, { ...child, id: 'other', dir: join(labDir, 'steps', '.edgelab-tmp-2-k2.def', 'run') }));
    await registerRun(ws, plan('a'), labDir, plan('a').steps[1]!, record('k1', { ...child, dir: join(labDir, 'steps', 'k1', 'run') }));
    const runs = (await ws.read()).runs;
    expect(runs.map((r) => [r.id, r.dir, r.model.name, r.model.variantKind, r.lab])).toEqual([['model-onnx-1', join(labDir, 'steps', 'k1', 'run'), FACE.name, 'fp16', { name: 'a', step: 'replay:face:fp16:cup' }]]);
  });

  it('puts the variant under its bundled parent; the same conversion in a second lab keeps both', async () => {
    const out = (lab: string) => ws.path('labs', lab, 'steps', 'k3', 'model.onnx');
    const stdout = (lab: string) => ({ output: out(lab), sourceSizeBytes: 10, variant: { id: 'd388-fp16', parentId: 'blazeface-front', kind: 'fp16', format: 'onnx', path: out(lab), sizeBytes: 5, sha256: 'c'.repeat(64), createdAt: '', settings: {}, lineage: { sourceSha256: 'a'.repeat(64) } } });
    await registerVariant(ws, plan('a'), plan('a').steps[2]!, record('k3', stdout('a')));
    await registerVariant(ws, plan('a'), plan('a').steps[2]!, record('k3', stdout('a'))); // a cached step: idempotent
    await registerVariant(ws, plan('b'), plan('b').steps[2]!, record('k3', stdout('b')));
    const models = (await ws.read()).models;
    expect(models.map((m) => [m.id, m.name, m.origin])).toEqual([['blazeface-front', FACE.name, 'lab a']]);
    expect(models[0]!.variants.map((v) => [v.id, v.path, v.kind])).toEqual([
      ['d388-fp16', join('labs', 'a', 'steps', 'k3', 'model.onnx'), 'fp16'],
      ['d388-fp16-b', join('labs', 'b', 'steps', 'k3', 'model.onnx'), 'fp16'],
    ]);
  });

  it('repoints report files into the final folder and drops entries left in temp folders', async () => {
    const labDir = ws.path('labs', 'a');
    const tmp = join(labDir, 'steps', '.edgelab-tmp-3-k4.abc');
    await ws.update((m) => {
      m.reports.push({ id: 'r', title: 't', createdAt: '', format: 'json', runIds: [], files: [join(tmp, 'report.json')] });
      m.runs.push(runEntry('stale', join(labDir, 'steps', '.edgelab-tmp-4-k5.abc', 'run')));
    });
    await repointReports(ws, tmp, join(labDir, 'steps', 'k4'));
    expect((await ws.read()).reports[0]!.files).toEqual([join(labDir, 'steps', 'k4', 'report.json')]);
    await dropTempEntries(ws, labDir);
    expect((await ws.read()).runs.map((r) => r.id)).toEqual(['model-onnx-1']);
  });
});
