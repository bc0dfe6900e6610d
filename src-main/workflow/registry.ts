// Workflow export targets: name → emitter of the workflow document (a plain object), and the YAML text written.
import { stringify } from 'yaml';
import type { Args } from '../../src-shared/api';
import type { ArgoOptions } from './argo';
import { argoWorkflow } from './argo';
import { kubeflowPipeline } from './kubeflow';
import type { WorkflowPlan } from './steps';

/** The exportWorkflow method's targets (its schema lists them; the registry below has one emitter per target). */
export type WorkflowTarget = Args<'exportWorkflow'>['target'];

export interface TargetOptions {
  image: string;
  version: string;
}

export const WORKFLOW_TARGETS: Record<WorkflowTarget, (plan: WorkflowPlan, o: TargetOptions & Partial<ArgoOptions>) => Record<string, unknown>> = {
  argo: argoWorkflow,
  kubeflow: kubeflowPipeline,
};

const TITLES: Record<WorkflowTarget, string> = { argo: 'Argo Workflow', kubeflow: 'Kubeflow Pipelines (KFP v2 IR) spec' };

/** The YAML file of `plan` for `target`: a comment header, then the document (no anchors/aliases, no folding). */
export function renderWorkflowYaml(target: WorkflowTarget, plan: WorkflowPlan, o: TargetOptions): string {
  const header =
    `# ${TITLES[target]} of EdgeLab lab "${plan.name}", written by edgelab export-workflow ${o.version}.\n` +
    `# Every step runs the same API call as \`edgelab run\` (edgelab call <method> --args <json>); see docs/lab-spec.md and README ("Reports and scale-out").\n`;
  return header + stringify(WORKFLOW_TARGETS[target](plan, o), { lineWidth: 0, aliasDuplicateObjects: false });
}
