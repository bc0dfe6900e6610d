// runLab: a lab spec run by the lab runner (src-main/lab/runner.ts: cached, resumable steps as child `edgelab call`
// processes; the engine passes in its version and package root). exportWorkflow lives in workflow.ts, listCompares
// in degradation.ts.
import type { Args, Results } from '../../src-shared/api';
import type { JobContext } from '../jobs/context';
import { runLabSpec } from '../lab/runner';
import { appPackage } from './app-root';
import type { EngineCtx } from './context';

export async function runLab(ctx: EngineCtx, args: Args<'runLab'>, job: JobContext): Promise<Results['runLab']> {
  const pkg = appPackage();
  return runLabSpec(
    {
      specFile: ctx.policy.resolveInput(args.spec),
      workspaceDir: ctx.ws.dir,
      version: pkg.version,
      appRoot: pkg.root,
      // The steps' children read with an open policy: every input is checked against this host's policy first.
      checkInput: (p) => void ctx.policy.resolveInput(p),
      ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
      ...(args.failOn !== undefined ? { failOn: args.failOn } : {}),
      ...(args.force ? { force: true } : {}),
    },
    job,
  );
}
