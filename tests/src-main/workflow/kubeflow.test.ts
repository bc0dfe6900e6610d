// The Kubeflow export of the bundled lab.yaml is a valid KFP v2 pipeline spec (checked against kubeflow/pipelines'
// pipeline_spec.proto, vendored, with protobufjs: the proto3 JSON mapping field by field, then fromObject/verify),
// and its DAG is the lab plan: tasks, dependentTasks, artifacts passed from producer to consumer, executors running
// the plan step's call through `edgelab call`.
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderWorkflowYaml } from '../../../src-main/workflow/registry';
import type protobuf from 'protobufjs';
import { planLab, resolveStep, type LabPlan } from '../../../src-main/lab/plan';
import { callArgv } from '../../../src-main/lab/step-call';
import { loadSpec } from '../../../src-main/lab/spec';
import { KFP_WORKSPACE } from '../../../src-main/workflow/kubeflow';
import { STEP_SCRIPT, workflowPlan, type WorkflowPlan } from '../../../src-main/workflow/steps';
import { kfpProblems, kfpRoot } from './schemas';

const REPO = join(import.meta.dirname, '..', '..', '..');
let lab: LabPlan;
let plan: WorkflowPlan;
let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed YAML document
let root: protobuf.Root;

beforeAll(() => {
  lab = planLab(loadSpec(join(REPO, 'lab.yaml')));
  plan = workflowPlan(lab, REPO);
  // The YAML text the engine writes, parsed back: what a cluster would receive.
  doc = parse(renderWorkflowYaml('kubeflow', plan, { image: 'ghcr.io/acme/edgelab:0.1.0', version: '0.1.0' }));
  root = kfpRoot();
});

describe('kubeflowPipeline', () => {
  it('is a valid ml_pipelines.PipelineSpec with a valid PipelineDeploymentConfig', () => {
    expect(kfpProblems(root, doc)).toEqual([]);
    expect(doc.schemaVersion).toBe('2.1.0');
    expect(doc.pipelineInfo.name).toBe('edgelab-bundled');
  });

  it('the check bites: a misspelt field, a wrong type and two fields of one oneof fail', () => {
    const typo = structuredClone(doc);
    typo.root.dag.tasks[plan.steps[5].name].dependantTasks = ['x'];
    expect(kfpProblems(root, typo).join('\n')).toMatch(/dependantTasks/);
    const wrong = structuredClone(doc);
    wrong.deploymentSpec.executors[`exec-${plan.steps[0].name}`].container.args = 'edgelab convert';
    expect(kfpProblems(root, wrong).join('\n')).toMatch(/expected a list/);
    const twoKinds = structuredClone(doc);
    const inputs = twoKinds.root.dag.tasks[plan.steps.find((s) => s.deps.length)!.name].inputs.artifacts['dep-0'];
    inputs.componentInputArtifact = 'x';
    expect(kfpProblems(root, twoKinds).join('\n')).toMatch(/oneof kind/);
  });

  it('one task per plan step; dependentTasks = deps; each dep arrives as an input artifact from its producer', () => {
    const tasks = doc.root.dag.tasks as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(tasks)).toEqual(plan.steps.map((s) => s.name));
    for (const s of plan.steps) {
      const t = tasks[s.name];
      expect(t.dependentTasks ?? []).toEqual(s.deps);
      const comp = doc.components[t.componentRef.name];
      expect(comp.outputDefinitions.artifacts.out.artifactType.schemaTitle).toBe('system.Artifact');
      s.deps.forEach((d, i) => {
        expect(t.inputs.artifacts[`dep-${i}`]).toEqual({ taskOutputArtifact: { producerTask: d, outputArtifactKey: 'out' } });
        expect(comp.inputDefinitions.artifacts[`dep-${i}`]).toBeDefined();
      });
      expect(doc.deploymentSpec.executors[comp.executorLabel]).toBeDefined();
    }
  });

  it('each executor runs the plan step call with artifact paths for {{out}} and {{step:…}}', () => {
    const nameOf = new Map(plan.steps.map((s) => [s.id, s.name]));
    const out = `{{$.outputs.artifacts['out'].path}}`;
    for (const s of lab.steps) {
      const w = plan.steps.find((x) => x.id === s.id)!;
      const c = doc.deploymentSpec.executors[`exec-${w.name}`].container;
      expect(c.image).toBe('ghcr.io/acme/edgelab:0.1.0');
      expect(c.args[0]).toBe(`cd '/app' && ${STEP_SCRIPT}`);
      const dep = (id: string) => `{{$.inputs.artifacts['dep-${w.deps.indexOf(nameOf.get(id)!)}'].path}}`;
      expect(c.args.slice(1)).toEqual([out, '--workspace', KFP_WORKSPACE, ...callArgv(resolveStep(s, out, dep))]);
      expect(c.args.join(' ')).not.toMatch(/dep--1/);
    }
  });
});
