// What a lab leaves in the workspace, as a user meets it: `edgelab run lab.yaml` (the built CLI, a tiny lab:
// BlazeFace fp32 + fp16, 6 frames of cup.mp4), then the same workspace through the engine API and `edgelab serve`.
// Every listed run folder exists and opens (getRun, getFrame) in both, no manifest entry points into a temp folder,
// runs carry the parent model's name, their real variant kind and the lab's name, and the lab's compare is listed
// with the lab's gates and the verdict under them; listLabs / getLab give the summary the CLI printed.
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeLabApi } from '../../../src-shared/api';
import { createApiClient } from '../../../src-shared/client';
import type { LabResult } from '../../../src-shared/types/lab';
import { createHttpTransport } from '../../../src-renderer/api/http-transport';
import { createEngine, type Engine } from '../../../src-main/create-engine';
import { findBundledModel } from '../../../src-main/models/catalog';
import { TMP_MARK } from '../../../src-main/workspace/atomic';
import { cli, json } from '../../contract/cli';
import { ensureBuilt, startServer, type Served } from '../../e2e/server';
import { faceLabYaml, tinyLab, type TinyLab } from './tiny-lab';

const LAB = faceLabYaml('tiny-ws');

let t: TinyLab;
let lab: LabResult;
let engine: Engine;
let server: Served;
let http: EdgeLabApi;
const FACE = findBundledModel('blazeface-front')!.name;

beforeAll(async () => {
  await ensureBuilt();
  t = await tinyLab(LAB);
  lab = json<LabResult>(await cli(['run', t.spec, '--workspace', t.ws, '--jobs', '2', '--json']));
  engine = await createEngine({ workspaceDir: t.ws, host: 'test' });
  server = await startServer(t.ws);
  http = createApiClient(createHttpTransport({ baseUrl: server.url.replace(/[#?].*$/, '').replace(/\/$/, ''), token: server.token }));
}, 400_000);
afterAll(async () => {
  await server?.stop();
  await t?.cleanup();
});

describe('a lab run from the CLI, seen through the workspace', () => {
  it('lists every run of the lab with its final folder, parent model name, real variant kind and lab', async () => {
    expect(lab.passed).toBe(true);
    const runs = await engine.listRuns({});
    expect(runs.map((r) => `${r.model.name}|${r.model.variantKind}|${r.lab?.step}`).sort()).toEqual([`${FACE}|fp16|replay:face:fp16:cup`, `${FACE}|fp32|replay:face:fp32:cup`]);
    for (const r of runs) {
      expect(r.dir).not.toContain(TMP_MARK);
      expect(r.dir.startsWith(lab.labDir)).toBe(true);
      expect((await fs.stat(r.dir)).isDirectory()).toBe(true);
      expect(r.lab?.name).toBe('tiny-ws');
    }
    const manifest = await fs.readFile(engine.workspace.manifestPath, 'utf8');
    expect(manifest).not.toContain(TMP_MARK);
  });

  it("lists the lab's variant under its bundled parent, with its final path, real kind and lab (API and CLI models)", async () => {
    const models = await engine.listModels({});
    expect(models.map((m) => [m.id, m.name, m.origin])).toEqual([['blazeface-front', FACE, 'lab tiny-ws']]);
    const v = models[0]!.variants;
    expect(v.map((x) => [x.kind, x.parentId, (x as { lab?: { name: string } }).lab?.name])).toEqual([['fp16', 'blazeface-front', 'tiny-ws']]);
    expect(v[0]!.path).not.toContain(TMP_MARK);
    expect((await fs.stat(engine.workspace.abs(v[0]!.path))).isFile()).toBe(true);
    expect((await http.listModels({})).map((m) => m.variants.length)).toEqual([1]);
    const r = await cli(['models', '--workspace', t.ws]);
    expect(r.stdout + r.stderr).toContain(FACE);
    expect(r.stdout + r.stderr).toContain('fp16');
  });

  it('every run opens through the engine and through the server (getRun, getFrame)', async () => {
    for (const api of [engine, http] as EdgeLabApi[]) {
      for (const r of await api.listRuns({})) {
        const file = await api.getRun({ run: r.id });
        expect(file.model).toMatchObject({ name: FACE, variantKind: r.model.variantKind });
        expect(file.frames).toHaveLength(6);
        const img = await api.getFrame({ run: r.id, frame: 0 });
        expect(img.mime).toBe('image/jpeg');
      }
    }
  });

  it("lists the lab's compare with the lab's gates and the verdict under them", async () => {
    const runs = await engine.listRuns({});
    const id = (kind: string) => runs.find((r) => r.model.variantKind === kind)!.id;
    for (const api of [engine, http] as EdgeLabApi[]) {
      // The compare step's, and the report step's own compare of the same pair: both under the lab's gates.
      const cmps = await api.listCompares({});
      expect(cmps.length).toBeGreaterThanOrEqual(1);
      for (const c of cmps) {
      expect(c).toMatchObject({ baseline: id('fp32'), variant: id('fp16'), gates: 'map50_drop>0.5', lab: { name: 'tiny-ws', step: 'compare:face:fp16:cup', gates: 'map50_drop>0.5' } });
      expect(c.result.verdict.checks.map((k) => `${k.metric}${k.op}${k.limit}`)).toEqual(['map50_drop>0.5']);
      expect(c.result.variant).toMatchObject({ model: FACE, variantKind: 'fp16' });
      }
    }
  });

  it('CLI runs names each run <model> · <kind> · <clip>', async () => {
    const r = await cli(['runs', '--workspace', t.ws]);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout + r.stderr; // the human text goes to stderr (stdout is for --json)
    expect(text).toContain(`${FACE} · fp16 · cup`);
    expect(text).toContain(`${FACE} · fp32 · cup`);
    expect(text).not.toContain(TMP_MARK);
  });

  it('listLabs / getLab give the summary the CLI printed, with its runs and compare per step', async () => {
    for (const api of [engine, http] as EdgeLabApi[]) {
      expect((await api.listLabs({})).map((l) => [l.name, l.gates, l.passed, l.rows])).toEqual([['tiny-ws', 'map50_drop>0.5', true, 2]]);
      const d = await api.getLab({ name: 'tiny-ws' });
      expect(d.report.summary).toEqual(lab.summary);
      expect(d.columns).toEqual(expect.arrayContaining(['model', 'variant', 'clip', 'map50', 'gates']));
      expect(Object.keys(d.runs).sort()).toEqual(['replay:face:fp16:cup', 'replay:face:fp32:cup']);
      expect(Object.keys(d.compares)).toEqual(['compare:face:fp16:cup']);
      expect(d.reports.map((p) => p.split('/').pop())).toEqual(['face-cup.json']);
      await expect(api.getLab({ name: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
