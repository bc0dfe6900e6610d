// `edgelab export-workflow` (BUILT CLI, run `npm run build` first): writes the YAML, --json names it and the step
// count; an unknown target is a usage error (exit 2); a missing spec exits 1 naming the file.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgelab, REPO, tempWorkspace } from './spawn-cli';

let t: Awaited<ReturnType<typeof tempWorkspace>>;
beforeAll(async () => {
  t = await tempWorkspace();
});
afterAll(async () => t.cleanup());

describe('edgelab export-workflow', () => {
  it('argo and kubeflow: YAML written, --json gives out, target and steps', async () => {
    for (const target of ['argo', 'kubeflow']) {
      const out = join(t.ws, '..', `${target}.yaml`);
      const r = await edgelab(t.ws, ['export-workflow', 'lab.yaml', '--target', target, '--image', 'edgelab:0.1.0', '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j).toMatchObject({ out, target });
      const doc = parse(await fs.readFile(out, 'utf8'));
      const n = target === 'argo' ? doc.spec.templates[0].dag.tasks.length : Object.keys(doc.root.dag.tasks).length;
      expect(n).toBe(j.steps);
      expect(n).toBeGreaterThan(10);
    }
  });

  it('usage errors exit 2; a missing spec exits 1 naming it', async () => {
    const bad = await edgelab(t.ws, ['export-workflow', 'lab.yaml', '--target', 'airflow', '--image', 'x', '--out', join(t.ws, '..', 'x.yaml')]);
    expect(bad.code).toBe(2);
    const missing = await edgelab(t.ws, ['export-workflow', join(REPO, 'no-such-lab.yaml'), '--target', 'argo', '--image', 'x', '--out', join(t.ws, '..', 'y.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-lab.yaml');
  });
});
