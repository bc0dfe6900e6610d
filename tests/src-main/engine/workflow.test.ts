// exportWorkflow through the engine: YAML written atomically for both targets (parsed back, step count = plan),
// bad image / bad spec refused in words without writing.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLab } from '../../../src-main/lab/plan';
import { loadSpec } from '../../../src-main/lab/spec';
import { exists, REPO, tempEngine, type TempEngine } from './helpers';

let t: TempEngine;
beforeAll(async () => {
  t = await tempEngine();
});
afterAll(async () => t.cleanup());

const SPEC = join(REPO, 'lab.yaml');

describe('exportWorkflow', () => {
  it('writes an Argo Workflow and a KFP pipeline spec of the bundled lab', async () => {
    const steps = planLab(loadSpec(SPEC)).steps.length;
    const argo = await t.engine.exportWorkflow({ spec: SPEC, target: 'argo', image: 'ghcr.io/acme/edgelab:0.1.0', out: join(t.dir, 'wf', 'argo.yaml') });
    expect(argo).toEqual({ out: join(t.dir, 'wf', 'argo.yaml'), target: 'argo', steps });
    const a = parse(await fs.readFile(argo.out, 'utf8'));
    expect(a.kind).toBe('Workflow');
    expect(a.spec.templates[0].dag.tasks).toHaveLength(steps);
    const kfp = await t.engine.exportWorkflow({ spec: SPEC, target: 'kubeflow', image: 'edgelab:dev', out: join(t.dir, 'kfp.yaml') });
    const k = parse(await fs.readFile(kfp.out, 'utf8'));
    expect(Object.keys(k.root.dag.tasks)).toHaveLength(steps);
    expect(kfp.steps).toBe(steps);
  });

  it('refuses an image reference with shell characters, and a broken spec, without writing', async () => {
    const out = join(t.dir, 'bad.yaml');
    await expect(t.engine.exportWorkflow({ spec: SPEC, target: 'argo', image: 'edgelab; rm -rf /', out })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const broken = join(t.dir, 'broken.yaml');
    await fs.writeFile(broken, 'name: x\nmodels: 3\n');
    await expect(t.engine.exportWorkflow({ spec: broken, target: 'kubeflow', image: 'edgelab', out })).rejects.toMatchObject({ code: 'BAD_INPUT', file: broken });
    expect(await exists(out)).toBe(false);
  });
});
