// A lab as a report source, on a real tiny lab run (BlazeFace → fp16 and int8-weights on 10 frames of cup.mp4, run by
// the lab runner through the BUILT CLI: `npm run build` first): its runs and compare pairs come from the lab's state
// folder, given as the folder or as its lab.yaml; the lab's gates apply unless the call gives some.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabResult } from '../../../src-shared/types/lab';
import { createEngine, type Engine } from '../../../src-main/create-engine';
import { REPO, TINY_LAB, tinyLab, type TinyLab } from '../lab/tiny-lab';
import { stepDir } from '../../../src-main/lab/cache';
import { STDOUT_FILE } from '../../../src-main/lab/plan';
import type { CompareResult } from '../../../src-shared/types/degradation';
import { parseCsv } from './report-readers';

let lab: TinyLab;
let engine: Engine;
let ran: LabResult;
beforeAll(async () => {
  // Scored against labels, class-agnostic (the hand-labelled cup; BlazeFace finds faces, so the numbers are low but
  // defined): the report must score each pair exactly as the lab's compare step did.
  lab = await tinyLab(TINY_LAB.replace('    frames: 10\n', '    frames: 10\n    gt: cup.coco.json\n    classAgnostic: true\n'));
  await fs.copyFile(join(REPO, 'tests', 'fixtures', 'gt', 'cup-first30.coco.json'), join(lab.dir, 'cup.coco.json'));
  engine = await createEngine({ workspaceDir: lab.ws, host: 'test' });
  ran = await engine.runLab({ spec: lab.spec, jobs: 2 });
  if (ran.steps.some((s) => s.status === 'failed')) throw new Error(JSON.stringify(ran.steps.filter((s) => s.status === 'failed')));
}, 600_000);
afterAll(async () => {
  await engine?.dispose();
  await lab?.cleanup();
});

describe('report over a lab', () => {
  it('from the state folder: every replay is a row, every compare a baseline → variant pair, the lab gates apply', async () => {
    const r = await engine.report({ lab: ran.labDir, format: 'json', out: join(lab.dir, 'lab.json') });
    const rep = r.report;
    expect(rep.source).toMatchObject({ kind: 'lab', labDir: ran.labDir, name: 'tiny' });
    expect(rep.title).toBe('Lab tiny');
    expect(rep.variants?.map((v) => v.variantKind).sort()).toEqual(['fp16', 'fp32', 'int8-weights']);
    const base = rep.variants?.find((v) => v.variantKind === 'fp32');
    for (const v of rep.variants?.filter((x) => x.variantKind !== 'fp32') ?? []) {
      expect(v.baselineRunId).toBe(base?.runId);
      expect(v.metrics?.map50).toBeGreaterThanOrEqual(0);
      expect(v.runId).not.toBe(base?.runId);
    }
    // Each pair scored as the lab's compare step scored it (same labels, same class-agnostic matching).
    for (const v of rep.variants?.filter((x) => x.variantKind !== 'fp32') ?? []) {
      const step = ran.steps.find((x) => x.id === `compare:face:${v.variantKind}:cup`)!;
      const stored = JSON.parse(await fs.readFile(join(stepDir(ran.labDir, step.key), STDOUT_FILE), 'utf8')) as CompareResult;
      expect(stored.reference).toMatchObject({ classAgnostic: true });
      expect(v.metrics?.map50).toBe(stored.detection.map50);
      expect(v.metrics?.idf1).toBe(stored.tracking.idf1);
    }
    // Variant facts come from the lab's convert steps: kind, SNR against float32, lineage.
    const half = rep.variants?.find((v) => v.variantKind === 'fp16');
    expect(half?.snrDb).toBeGreaterThan(30);
    expect(half?.sizeRatio).toBeLessThan(0.7);
    expect(rep.lineage?.find((l) => l.runId === half?.runId)?.variant?.kind).toBe('fp16');
    expect(rep.runs.find((x) => x.id === half?.runId)?.model.variantKind).toBe('fp16');
    expect(rep.gates?.spec).toBe('map50_drop>0.5');
    expect(rep.gates?.checks).toHaveLength(2);
    // The lab imported a bench file for face/fp16: its record is in the workspace matrix.
    expect(rep.latency?.devices).toContain('workstation');
  });

  it('from the lab.yaml (located by its name in the workspace), with the call gates overriding', async () => {
    const r = await engine.report({ lab: lab.spec, format: 'csv', out: join(lab.dir, 'lab.csv'), failOn: 'map50_drop>0.9,hota_drop>0.9' });
    expect(r.report.source).toMatchObject({ kind: 'lab', labDir: ran.labDir });
    expect(r.report.gates?.spec).toBe('map50_drop>0.9,hota_drop>0.9');
    expect(r.report.gates?.checks).toHaveLength(4);
    const [header, ...rows] = parseCsv(await fs.readFile(r.files[0], 'utf8'));
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows.map((x) => `${col(x, 'model')}/${col(x, 'variant_kind')}`).sort()).toEqual(['face/fp16', 'face/fp32', 'face/int8-weights']);
    // The lab linked its bench file to face/fp16: that row carries the device latency, the others have none.
    const half = rows.find((x) => col(x, 'variant_kind') === 'fp16')!;
    expect(col(half, 'device')).toBe('workstation');
    expect(Number(col(half, 'device_latency_ms_mean'))).toBeGreaterThan(0);
    expect(rows.filter((x) => col(x, 'device') !== '')).toHaveLength(1);
  });

  it('a lab that never ran is NOT_FOUND, naming its state file', async () => {
    const empty = join(lab.dir, 'not-a-lab');
    await fs.mkdir(empty);
    await expect(engine.report({ lab: empty, format: 'json', out: join(lab.dir, 'x.json') })).rejects.toMatchObject({ code: 'NOT_FOUND', file: join(empty, 'plan.json') });
  });
});
