// Kubeflow Pipelines target: a KFP v2 pipeline spec (the IR YAML `kfp compile` emits: pipelineInfo, root.dag.tasks,
// components, deploymentSpec.executors; message ml_pipelines.PipelineSpec in kubeflow/pipelines
// api/v2alpha1/pipeline_spec.proto). One task per lab step, dependentTasks = the plan's deps. Artefacts are passed as
// KFP input/output artifacts: every step outputs one artifact `out` (its output folder, uploaded by the KFP
// launcher to the pipeline root) and takes each dependency's `out` as input artifact `dep-<n>`; the
// placeholders in the step's args become {{$.outputs.artifacts['out'].path}} / {{$.inputs.artifacts['dep-<n>'].path}}.
// Each pod has its own EdgeLab workspace (/tmp/edgelab-workspace): everything a step needs arrives as an artifact.
import type { WorkflowPlan } from './steps';
import { STEP_SCRIPT, targetArgv } from './steps';

export const KFP_SCHEMA_VERSION = '2.1.0';
export const KFP_WORKSPACE = '/tmp/edgelab-workspace';

export interface KubeflowOptions {
  image: string;
  version: string;
}

const ARTIFACT = { artifactType: { schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' } };
const outPath = `{{$.outputs.artifacts['out'].path}}`;
const depKey = (i: number) => `dep-${i}`;

export function kubeflowPipeline(plan: WorkflowPlan, o: KubeflowOptions): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const executors: Record<string, unknown> = {};
  const tasks: Record<string, unknown> = {};
  for (const s of plan.steps) {
    const comp = `comp-${s.name}`;
    const exec = `exec-${s.name}`;
    const depIndex = new Map(s.deps.map((d, i) => [d, i]));
    components[comp] = {
      executorLabel: exec,
      ...(s.deps.length ? { inputDefinitions: { artifacts: Object.fromEntries(s.deps.map((_, i) => [depKey(i), ARTIFACT])) } } : {}),
      outputDefinitions: { artifacts: { out: ARTIFACT } },
    };
    const argv = targetArgv(s, plan, outPath, (name) => `{{$.inputs.artifacts['${depKey(depIndex.get(name) as number)}'].path}}`);
    executors[exec] = {
      container: {
        image: o.image,
        command: ['sh', '-c'],
        args: [`cd '${plan.workingDir}' && ${STEP_SCRIPT}`, outPath, '--workspace', KFP_WORKSPACE, ...argv],
        resources: { resourceMemoryRequest: `${s.memoryMb}Mi`, resourceCpuRequest: '1' },
      },
    };
    tasks[s.name] = {
      taskInfo: { name: s.name },
      componentRef: { name: comp },
      ...(s.deps.length
        ? {
            dependentTasks: s.deps,
            inputs: { artifacts: Object.fromEntries(s.deps.map((d, i) => [depKey(i), { taskOutputArtifact: { producerTask: d, outputArtifactKey: 'out' } }])) },
          }
        : {}),
    };
  }
  return {
    pipelineInfo: { name: `edgelab-${plan.slug}`, description: `EdgeLab lab ${plan.name}: every step is an edgelab API call (edgelab call)${plan.gates ? `; gates ${plan.gates}` : ''}` },
    sdkVersion: `edgelab-${o.version}`,
    schemaVersion: KFP_SCHEMA_VERSION,
    components,
    deploymentSpec: { executors },
    root: { dag: { tasks } },
  };
}
