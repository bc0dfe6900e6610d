// runLab / exportWorkflow: placeholders until the lab runner (issue 9) lands; they answer UNSUPPORTED.
import type { Args, Results } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import type { JobContext } from '../jobs/context';
import type { EngineCtx } from './context';

export async function runLab(_ctx: EngineCtx, args: Args<'runLab'>, _job: JobContext): Promise<Results['runLab']> {
  throw new EdgeLabError('UNSUPPORTED', 'lab runs are not built yet', args.spec);
}

export async function exportWorkflow(_ctx: EngineCtx, args: Args<'exportWorkflow'>): Promise<Results['exportWorkflow']> {
  throw new EdgeLabError('UNSUPPORTED', 'workflow export is not built yet', args.spec);
}
