// exportWorkflow: a lab spec → its plan (src-main/lab/plan.ts) → an Argo Workflow or a Kubeflow Pipelines spec
// whose steps run the plan's API calls through `edgelab call` in a container (src-main/workflow/), written as YAML
// atomically.
import type { Args, Results } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import { planLab } from '../lab/plan';
import { loadSpec } from '../lab/spec';
import { renderWorkflowYaml } from '../workflow/registry';
import { workflowPlan } from '../workflow/steps';
import { writeFileAtomic } from '../workspace/atomic';
import { appPackage } from './app-root';
import type { EngineCtx } from './context';

/** Container image reference: [registry/]name[:tag][@digest], no spaces or shell characters. */
const IMAGE_RE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export async function exportWorkflow(ctx: EngineCtx, args: Args<'exportWorkflow'>): Promise<Results['exportWorkflow']> {
  if (!IMAGE_RE.test(args.image)) {
    throw new EdgeLabError('BAD_INPUT', `"${args.image}" is not a container image reference (e.g. ghcr.io/acme/edgelab:0.1.0)`);
  }
  const specFile = ctx.policy.resolveInput(args.spec);
  const out = ctx.policy.resolveOutput(args.out);
  const pkg = appPackage();
  // Spec paths are checked against the host's policy before their existence is (same answer whether or not they exist).
  const plan = workflowPlan(planLab(loadSpec(specFile, (p) => void ctx.policy.resolveInput(p))), pkg.root);
  await writeFileAtomic(out, renderWorkflowYaml(args.target, plan, { image: args.image, version: pkg.version }));
  return { out, target: args.target, steps: plan.steps.length };
}
