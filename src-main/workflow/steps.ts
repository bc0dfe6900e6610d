// Lab plan → workflow steps, shared by every export target. A step keeps the plan step's API call `{ method, args }`
// and runs it through the generic entry `edgelab call <method> --args <json> --json`, as the local runner does; only
// the placeholders change meaning: `{{out}}` / `{{step:<id>}}` become the target's paths for the step's own output
// folder and its dependencies' folders (a shared volume on Argo, input/output artifacts on Kubeflow). Each container
// runs `sh -c` with a fixed script that creates the output folder and keeps the step's stdout (the method's result
// JSON) as <out>/stdout.json, exactly as the local runner does; the edgelab argv is passed as "$@" untouched.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { LabStepKind } from '../../src-shared/types/lab';
import { STDOUT_FILE, type LabPlan } from '../lab/plan';
import { callArgv, resolveCall, type StepCall } from '../lab/step-call';

/** Where the image holds EdgeLab (Dockerfile WORKDIR): bundled models, samples and the repo's example specs. */
export const IMAGE_APP_DIR = '/app';
/** Where a spec folder outside the repo is expected in the container (a derived image: COPY <spec folder> /lab). */
export const IMAGE_SPEC_DIR = '/lab';

/** The container script: $0 = the step's output folder, "$@" = the edgelab argv. */
export const STEP_SCRIPT = `mkdir -p "$0" && exec edgelab "$@" > "$0/${STDOUT_FILE}"`;

export type WorkflowStep = WorkflowStepInfo & StepCall;

export interface WorkflowStepInfo {
  /** Plan step id, e.g. "replay:ssd:fp16:cup". */
  id: string;
  /** Kubernetes-safe unique name (DNS-1123 label, ≤ 63 chars) used for tasks, templates and folders. */
  name: string;
  kind: LabStepKind;
  /** Names of the steps this one waits for (plan deps, same order). */
  deps: string[];
  memoryMb: number;
}

export interface WorkflowPlan {
  name: string;
  /** Kubernetes-safe lab name. */
  slug: string;
  steps: WorkflowStep[];
  /** Working directory of every container (relative paths of the spec resolve against it). */
  workingDir: string;
  gates?: string;
}

/** DNS-1123 label from any id: lower case, [a-z0-9-], ≤ max chars; a hash suffix keeps shortened names distinct. */
export function k8sName(id: string, max = 63): string {
  const base = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'step';
  if (base === id && base.length <= max) return base;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 6);
  return `${base.slice(0, max - 7).replace(/-+$/, '')}-${hash}`;
}

/** Container working directory: the spec's folder inside the image (in the repo → under /app, else /lab). */
export function containerWorkingDir(specDir: string, repoRoot: string): string {
  const rel = relative(repoRoot, specDir);
  if (rel === '') return IMAGE_APP_DIR;
  if (!rel.startsWith('..') && !isAbsolute(rel)) return `${IMAGE_APP_DIR}/${rel.split(sep).join('/')}`;
  return IMAGE_SPEC_DIR;
}

export function workflowPlan(plan: LabPlan, repoRoot: string): WorkflowPlan {
  const names = new Map<string, string>();
  for (const s of plan.steps) {
    const n = k8sName(s.id);
    if ([...names.values()].includes(n)) throw new EdgeLabError('INTERNAL', `two lab steps map to the same workflow name ${n}`);
    names.set(s.id, n);
  }
  const steps = plan.steps.map((s) => {
    for (const d of s.deps) if (!names.has(d)) throw new EdgeLabError('BAD_INPUT', `step ${s.id} depends on unknown step ${d}`, plan.specFile);
    const call = { method: s.method, args: s.args } as StepCall; // placeholders still in
    return { id: s.id, name: names.get(s.id) as string, kind: s.kind, deps: s.deps.map((d) => names.get(d) as string), ...call, memoryMb: s.memoryMb };
  });
  return {
    name: plan.name,
    slug: k8sName(plan.name, 40),
    steps,
    workingDir: containerWorkingDir(plan.specDir, repoRoot),
    ...(plan.gates !== undefined ? { gates: plan.gates } : {}),
  };
}

/** The step's `edgelab call` argv with its placeholders substituted: `{{out}}` → out, `{{step:<id>}}` → dep(<step name>). */
export function targetArgv(step: WorkflowStep, plan: WorkflowPlan, out: string, dep: (name: string) => string): string[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s.name]));
  const call = resolveCall({ method: step.method, args: step.args } as StepCall, out, (id) => {
    const n = byId.get(id);
    if (!n) throw new EdgeLabError('INTERNAL', `step ${step.id} refers to unknown step ${id}`);
    return dep(n);
  });
  return callArgv(call);
}
