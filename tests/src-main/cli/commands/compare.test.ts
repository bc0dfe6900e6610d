// `edgelab compare` (BUILT CLI, run `npm run build` first): --json carries the exact keys; a run against
// itself scores perfect values; bad labels exit 1 naming the file; usage errors exit 2.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareLines } from '../../../../src-main/cli/commands/compare';
import { METRIC_GROUPS, METRICS } from '../../../../src-shared/metrics/catalogue';
import { edgelab, REPO, tempWorkspace } from './spawn-cli';

let t: Awaited<ReturnType<typeof tempWorkspace>>;
let run: string;
beforeAll(async () => {
  t = await tempWorkspace();
  run = join(t.ws, '..', 'face-run');
  const r = await edgelab(t.ws, ['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '12', '--out', run, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
}, 300_000);
afterAll(async () => {
  await t.cleanup();
});

describe('edgelab compare', () => {
  it('--json: the issue keys, perfect values for a run against itself', async () => {
    const r = await edgelab(t.ws, ['compare', run, run, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const keys = {
      detection: ['map50', 'map', 'precision', 'recall'],
      tracking: ['mota', 'idf1', 'hota', 'idSwitches'],
      experience: ['flickerPerMin', 'jitter', 'timeToFirstBoxMs', 'lagFrames'],
      embedding: ['cosineMean', 'cosineP5', 'topkOverlap'],
    };
    for (const [family, ks] of Object.entries(keys)) for (const k of ks) expect(j[family]).toHaveProperty(k);
    expect(Array.isArray(j.events)).toBe(true);
    expect(j.events).toEqual([]);
    expect([j.detection.map50, j.detection.map, j.tracking.mota, j.tracking.idf1]).toEqual([1, 1, 1, 1]);
    expect(j.tracking.idSwitches).toBe(0);
    expect(j.experience.lagFrames).toBe(0);
  });

  it('--fail-on: exit 3 when a gate holds, 0 when none does; the verdict is in the JSON', async () => {
    const fail = await edgelab(t.ws, ['compare', run, run, '--fail-on', 'map50<=1', '--json']);
    expect(fail.code, fail.stderr).toBe(3);
    expect(JSON.parse(fail.stdout).verdict).toMatchObject({ pass: false, checks: [{ metric: 'map50', op: '<=', limit: 1, value: 1, failed: true }] });
    const ok = await edgelab(t.ws, ['compare', run, run, '--fail-on', 'map50_drop>0.01,flickerPerMin>2']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/verdict\s+PASS/);
    const bad = await edgelab(t.ws, ['compare', run, run, '--fail-on', 'map50 is low']);
    expect(bad.code).toBe(1);
  });

  it('--class-agnostic: recorded in the JSON reference, one class in detection, per-class tracking beside the top level', async () => {
    const r = await edgelab(t.ws, ['compare', run, run, '--class-agnostic', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reference).toMatchObject({ kind: 'baseline', classAgnostic: true });
    expect(j.detection.perClass.map((c: { cls: string }) => c.cls)).toEqual(j.detection.perClass.length ? ['object'] : []);
    expect(j.tracking.perClass.every((c: { cls: string }) => c.cls === 'object')).toBe(true);
    expect(j.tracking.classAveraged).toHaveProperty('mota');
    const text = await edgelab(t.ws, ['compare', run, run, '--class-agnostic']);
    expect(text.stderr + text.stdout).toMatch(/class-agnostic/);
  });

  it('--classes: scores only the named classes, the scope is stored with the compare and printed beside the numbers', async () => {
    const face = await edgelab(t.ws, ['compare', run, run, '--classes', 'face', '--json']);
    expect(face.code, face.stderr).toBe(0);
    const j = JSON.parse(face.stdout);
    expect(j.reference).toMatchObject({ kind: 'baseline', classes: ['face'] });
    expect(j.detection.perClass.map((c: { cls: string }) => c.cls)).toEqual(['face']);
    // A class the runs do not have: nothing left to score (BlazeFace finds faces only).
    const car = JSON.parse((await edgelab(t.ws, ['compare', run, run, '--classes', ' car , bus,car', '--json'])).stdout);
    expect(car.reference.classes).toEqual(['car', 'bus']);
    expect(car.detection.perClass).toEqual([]);
    // Stored with the compare: listed with its scope, under its own id (not replacing the all-classes compare).
    const listed = JSON.parse((await edgelab(t.ws, ['call', 'listCompares', '--args', '{}'])).stdout) as { result: { reference: { classes?: string[] } } }[];
    expect(listed.map((c) => c.result.reference.classes ?? null)).toEqual(expect.arrayContaining([['face'], ['car', 'bus'], null]));
    const text = await edgelab(t.ws, ['compare', run, run, '--classes', 'face']);
    expect(text.stderr + text.stdout).toMatch(/12 frames, classes face/);
    expect((await edgelab(t.ws, ['compare', run, run, '--classes', ' , '])).code).toBe(2);
  });

  it('bad labels: exit 1 with one edgelab: line naming the file; missing argument: exit 2', async () => {
    const bad = join(REPO, 'tests', 'fixtures', 'gt', 'bad-line.gt.txt');
    const r = await edgelab(t.ws, ['compare', run, run, '--gt', bad]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('edgelab:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(bad);
    expect((await edgelab(t.ws, ['compare', run])).code).toBe(2);
  });

  it('text output: one line per catalogue group with every metric’s short label and value, then the verdict', async () => {
    const r = await edgelab(t.ws, ['compare', run, run, '--json']);
    const lines = compareLines(JSON.parse(r.stdout));
    for (const g of METRIC_GROUPS) {
      const line = lines.find((l) => l.startsWith(g.padEnd(11)))!;
      for (const m of METRICS.filter((x) => x.group === g)) expect(line, m.key).toContain(`${m.short} `);
    }
    expect(lines.find((l) => l.startsWith('detection'))).toContain('mAP@.5 1.000');
    expect(lines.find((l) => l.startsWith('embedding'))).toContain('Emb. cosine n/a');
    expect(lines.some((l) => /^verdict\s+PASS/.test(l))).toBe(true);
  });
});
