// The Argo export of the bundled lab.yaml validates against Argo's published JSON schema (vendored, closed to
// unknown fields), and its DAG is the lab plan: every step a task, deps preserved, the matrix fanned out in
// parallel, each container running the plan step's call (`edgelab call <method> --args <json>`) on the shared volume.
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderWorkflowYaml } from '../../../src-main/workflow/registry';
import { planLab, resolveStep, type LabPlan } from '../../../src-main/lab/plan';
import { callArgv } from '../../../src-main/lab/step-call';
import { loadSpec } from '../../../src-main/lab/spec';
import { ARGO_MOUNT } from '../../../src-main/workflow/argo';
import { STEP_SCRIPT, workflowPlan, type WorkflowPlan } from '../../../src-main/workflow/steps';
import { argoValidator } from './schemas';

const REPO = join(import.meta.dirname, '..', '..', '..');
let lab: LabPlan;
let plan: WorkflowPlan;
let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed YAML document
let validate: ReturnType<typeof argoValidator>;

beforeAll(() => {
  lab = planLab(loadSpec(join(REPO, 'lab.yaml')));
  plan = workflowPlan(lab, REPO);
  // The YAML text the engine writes, parsed back: what a cluster would receive.
  doc = parse(renderWorkflowYaml('argo', plan, { image: 'ghcr.io/acme/edgelab:0.1.0', version: '0.1.0' }));
  validate = argoValidator();
});

describe('argoWorkflow', () => {
  it('validates against the Argo Workflow schema', () => {
    expect(validate(doc)).toEqual([]);
    expect(doc.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(doc.kind).toBe('Workflow');
  });

  it('the validator bites: a misspelt field and a wrong type fail', () => {
    const typo = structuredClone(doc);
    typo.spec.templates[0].dag.tasks[5].dependancies = ['x'];
    expect(validate(typo).join('\n')).toMatch(/dependancies/);
    const wrong = structuredClone(doc);
    wrong.spec.templates[1].container.args = 'edgelab replay';
    expect(validate(wrong).length).toBeGreaterThan(0);
    const kind = structuredClone(doc);
    kind.kind = 'CronWorkflow';
    expect(validate(kind).join('\n')).toMatch(/kind/);
  });

  it('one DAG task per plan step, dependencies = plan deps', () => {
    const entry = doc.spec.templates.find((t: { name: string }) => t.name === doc.spec.entrypoint);
    const tasks = entry.dag.tasks as { name: string; template: string; dependencies?: string[] }[];
    expect(tasks.map((t) => t.name)).toEqual(plan.steps.map((s) => s.name));
    expect(tasks).toHaveLength(lab.steps.length);
    const nameOf = new Map(plan.steps.map((s) => [s.id, s.name]));
    for (const s of lab.steps) {
      const t = tasks.find((x) => x.name === nameOf.get(s.id));
      expect(t?.dependencies ?? []).toEqual(s.deps.map((d) => nameOf.get(d)));
      expect(doc.spec.templates.some((x: { name: string }) => x.name === t?.template)).toBe(true);
    }
  });

  it('fans the matrix out: replays of different variants never wait for each other, nor do compares', () => {
    const tasks = doc.spec.templates[0].dag.tasks as { name: string; dependencies?: string[] }[];
    const deps = new Map(tasks.map((t) => [t.name, t.dependencies ?? []]));
    const ancestors = (n: string, seen = new Set<string>()): Set<string> => {
      for (const d of deps.get(n) ?? []) if (!seen.has(d)) ancestors(d, seen.add(d));
      return seen;
    };
    for (const kind of ['replay', 'compare', 'convert']) {
      const group = plan.steps.filter((s) => s.kind === kind).map((s) => s.name);
      expect(group.length).toBeGreaterThanOrEqual(5);
      for (const a of group) for (const b of group) if (a !== b) expect(ancestors(a).has(b)).toBe(false);
    }
    // The first DAG level already holds every convert and every float32 replay.
    const roots = tasks.filter((t) => !t.dependencies?.length).map((t) => t.name);
    expect(roots.length).toBeGreaterThanOrEqual(lab.steps.filter((s) => s.kind === 'convert').length + 3);
  });

  it('each container runs the plan step call, artefacts on the shared volume (same argv as the local runner)', () => {
    const stepDir = (name: string) => `${ARGO_MOUNT}/steps/${name}`;
    const nameOf = new Map(plan.steps.map((s) => [s.id, s.name]));
    for (const s of lab.steps) {
      const t = doc.spec.templates.find((x: { name: string }) => x.name === nameOf.get(s.id));
      expect(t.container.image).toBe('ghcr.io/acme/edgelab:0.1.0');
      expect(t.container.command).toEqual(['sh', '-c']);
      expect(t.container.workingDir).toBe('/app'); // lab.yaml sits at the repo root: its relative paths resolve in the image
      expect(t.container.volumeMounts).toEqual([{ name: 'lab', mountPath: ARGO_MOUNT }]);
      const out = stepDir(nameOf.get(s.id) as string);
      expect(t.container.args).toEqual([STEP_SCRIPT, out, '--workspace', `${ARGO_MOUNT}/workspace`, ...callArgv(resolveStep(s, out, (id) => stepDir(nameOf.get(id) as string)))]);
      expect(t.container.args.join(' ')).not.toMatch(/\{\{(out|step:)/);
    }
    expect(doc.spec.volumeClaimTemplates[0].spec.accessModes).toEqual(['ReadWriteMany']);
  });
});
