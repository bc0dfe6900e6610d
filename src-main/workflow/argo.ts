// Argo Workflows target: one Workflow (argoproj.io/v1alpha1) whose entrypoint is a DAG template with one task per
// lab step (dependencies = the plan's deps, so the variant × clip matrix runs as parallel tasks), and one container
// template per step running that step's API call through `edgelab call`. Artefacts are passed through ONE shared
// volume (a ReadWriteMany PVC from volumeClaimTemplates, mounted at /work/lab in every pod): step <name> writes
// /work/lab/steps/<name>/, its dependents read it there, and every step shares the EdgeLab workspace
// /work/lab/workspace (latency records, models). No artifact repository is needed.
import type { WorkflowPlan } from './steps';
import { STEP_SCRIPT, targetArgv } from './steps';

export const ARGO_MOUNT = '/work/lab';
export const ARGO_VOLUME = 'lab';

export interface ArgoOptions {
  image: string;
  /** Size of the shared volume (Kubernetes quantity). */
  storage?: string;
  /** Storage class of the shared volume (must support ReadWriteMany when pods land on several nodes). */
  storageClassName?: string;
  version: string;
}

const stepDir = (name: string) => `${ARGO_MOUNT}/steps/${name}`;

export function argoWorkflow(plan: WorkflowPlan, o: ArgoOptions): Record<string, unknown> {
  const templates = plan.steps.map((s) => ({
    name: s.name,
    metadata: { labels: { 'edgelab.dev/step-kind': s.kind } },
    container: {
      image: o.image,
      command: ['sh', '-c'],
      args: [STEP_SCRIPT, stepDir(s.name), '--workspace', `${ARGO_MOUNT}/workspace`, ...targetArgv(s, plan, stepDir(s.name), stepDir)],
      workingDir: plan.workingDir,
      volumeMounts: [{ name: ARGO_VOLUME, mountPath: ARGO_MOUNT }],
      resources: { requests: { memory: `${s.memoryMb}Mi`, cpu: '1' } },
    },
  }));
  const tasks = plan.steps.map((s) => ({ name: s.name, template: s.name, ...(s.deps.length ? { dependencies: s.deps } : {}) }));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      generateName: `edgelab-${plan.slug}-`,
      labels: { 'app.kubernetes.io/name': 'edgelab', 'edgelab.dev/lab': plan.slug },
      annotations: {
        'edgelab.dev/lab': plan.name,
        'edgelab.dev/version': o.version,
        'edgelab.dev/artefacts': `shared volume ${ARGO_VOLUME} at ${ARGO_MOUNT}: steps/<task>/ per step, workspace/ shared`,
        ...(plan.gates ? { 'edgelab.dev/gates': plan.gates } : {}),
      },
    },
    spec: {
      entrypoint: 'lab',
      volumeClaimTemplates: [
        {
          metadata: { name: ARGO_VOLUME },
          spec: {
            accessModes: ['ReadWriteMany'],
            resources: { requests: { storage: o.storage ?? '20Gi' } },
            ...(o.storageClassName ? { storageClassName: o.storageClassName } : {}),
          },
        },
      ],
      templates: [{ name: 'lab', dag: { tasks } }, ...templates],
    },
  };
}
