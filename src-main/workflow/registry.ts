// Workflow export targets: name → emitter of the workflow document (a plain object, written as YAML).
import type { ArgoOptions } from './argo';
import { argoWorkflow } from './argo';
import { kubeflowPipeline } from './kubeflow';
import type { WorkflowPlan } from './steps';

export type WorkflowTarget = 'argo' | 'kubeflow';

export interface TargetOptions {
  image: string;
  version: string;
}

export const WORKFLOW_TARGETS: Record<WorkflowTarget, (plan: WorkflowPlan, o: TargetOptions & Partial<ArgoOptions>) => Record<string, unknown>> = {
  argo: argoWorkflow,
  kubeflow: kubeflowPipeline,
};
