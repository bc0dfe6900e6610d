// Lab runner on a tiny real lab (BlazeFace fp16 + int8-weights, 10 frames; steps run the BUILT CLI: `npm run build`
// first): a first run does every step; a second does none (all cached, same report bytes); one changed replay
// setting re-runs only its dependents; changed gates re-run nothing; cancelling leaves no half-written step.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { LabResult } from '../../../src-shared/types/lab';
import { runLabSpec } from '../../../src-main/lab/runner';
import type { JobContext } from '../../../src-main/jobs/context';
import { REPO, reportWithoutTime, tinyLab, walk, TINY_LAB, type TinyLab } from './tiny-lab';

let t: TinyLab;
let first: LabResult;
const stages: string[] = [];
const job: JobContext = { progress: (p) => stages.push(p.stage) };
const run = (extra: { failOn?: string; force?: boolean } = {}, j: JobContext = job) =>
  runLabSpec({ specFile: t.spec, workspaceDir: t.ws, version: 'test', appRoot: REPO, jobs: 2, ...extra }, j);
const statuses = (r: LabResult) => Object.fromEntries(r.steps.map((s) => [s.id, s.status]));

beforeAll(async () => {
  t = await tinyLab();
  first = await run();
}, 400_000);
afterAll(async () => {
  await t.cleanup();
});

describe('lab runner', () => {
  it('first run: every step done, one summary row per variant × clip (× device), reports and lab report written', async () => {
    expect(first.steps.map((s) => s.status).every((s) => s === 'done'), JSON.stringify(first.steps)).toBe(true);
    expect(first.steps.map((s) => s.id)).toEqual([
      'convert:face:fp16',
      'convert:face:int8-weights',
      'replay:face:fp32:cup',
      'replay:face:fp16:cup',
      'replay:face:int8-weights:cup',
      'compare:face:fp16:cup',
      'compare:face:int8-weights:cup',
      'import-bench:0',
      'report:face:cup:json',
    ]);
    const fp16 = first.summary.find((r) => r.variant === 'fp16');
    expect(fp16).toMatchObject({ model: 'face', clip: 'cup', device: 'workstation' });
    expect(fp16?.sizeRatio).toBeLessThan(0.7); // float16 weights: about half the bytes
    expect(fp16?.snrDb).toBeGreaterThan(30);
    expect(fp16?.latencyMs).toBeGreaterThan(0); // the imported ORT profile, linked by `variant: face/fp16`
    expect(first.summary.find((r) => r.variant === 'int8-weights')?.latencyMs).toBeNull();
    expect(first.verdicts?.map((v) => v.step)).toEqual(['compare:face:fp16:cup', 'compare:face:int8-weights:cup']);
    expect(first.verdicts?.[0].checks[0]).toMatchObject({ metric: 'map50_drop', op: '>', limit: 0.5 });
    expect(first.reports).toEqual([join(first.labDir, 'reports', 'face-cup.json')]);
    expect(JSON.parse(await fs.readFile(first.reports[0], 'utf8'))).toBeTruthy();
    const rep = JSON.parse(await fs.readFile(first.labReport as string, 'utf8'));
    expect(rep).toMatchObject({ schema: 'edgelab.lab-report/1', name: 'tiny', gates: 'map50_drop>0.5' });
    expect(rep.summary).toEqual(first.summary);
    expect(stages).toEqual(expect.arrayContaining(['plan', 'convert:face:fp16', 'report:face:cup:json']));
  });

  it('second run with nothing changed: no step runs, the step folders are untouched, the same report bytes', async () => {
    const before = await reportWithoutTime(first.labReport as string);
    const stamp = async () => Promise.all(first.steps.map((s) => fs.stat(join(first.labDir, 'steps', s.key, 'result.json')).then((x) => x.mtimeMs)));
    const m0 = await stamp();
    const again = await run();
    expect(again.steps.every((s) => s.status === 'cached')).toBe(true);
    expect(again.steps.map((s) => s.key)).toEqual(first.steps.map((s) => s.key));
    expect(await stamp()).toEqual(m0);
    expect(await reportWithoutTime(again.labReport as string)).toBe(before);
  }, 120_000);

  it('changed gates re-run nothing and change the verdict', async () => {
    const r = await run({ failOn: 'map50>=0' });
    expect(r.steps.every((s) => s.status === 'cached')).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.verdicts?.every((v) => !v.pass)).toBe(true);
    expect(r.summary.find((x) => x.variant === 'fp16')?.gates).toMatch(/^FAIL: map50 [\d.]+ >= 0$/);
  }, 120_000);

  it('one changed replay setting re-runs the replays and what depends on them, nothing else', async () => {
    await fs.writeFile(t.spec, TINY_LAB.replace('scoreThreshold: 0.5', 'scoreThreshold: 0.6'));
    const r = await run();
    expect(statuses(r)).toEqual({
      'convert:face:fp16': 'cached',
      'convert:face:int8-weights': 'cached',
      'replay:face:fp32:cup': 'done',
      'replay:face:fp16:cup': 'done',
      'replay:face:int8-weights:cup': 'done',
      'compare:face:fp16:cup': 'done',
      'compare:face:int8-weights:cup': 'done',
      'import-bench:0': 'cached',
      'report:face:cup:json': 'done',
    });
    await fs.writeFile(t.spec, TINY_LAB);
  }, 300_000);

  it('cancel: CANCELLED, children stopped, no temp folder and no new step left behind', async () => {
    const ac = new AbortController();
    const before = (await fs.readdir(join(first.labDir, 'steps'))).sort();
    const p = run({ force: true }, { signal: ac.signal, progress: (x) => x.message === 'started' && ac.abort() });
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect((err as EdgeLabError).code).toBe('CANCELLED');
    expect((await walk(first.labDir)).filter((n) => n.includes('.edgelab-tmp-'))).toEqual([]);
    expect((await fs.readdir(join(first.labDir, 'steps'))).sort()).toEqual(before);
    expect(await fs.readFile(join(t.ws, 'manifest.json'), 'utf8')).not.toContain('.edgelab-tmp-'); // no entry of a cancelled step
  }, 120_000);
});
