// Device latency: benchmark-file import, the device × delegate × variant matrix, the workstation runner.
// Not built yet (issue 7): each method says so with UNSUPPORTED rather than pretending.
import type { Args, Results } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import type { JobContext } from '../jobs/context';
import type { EngineCtx } from './context';

function notYet(what: string): never {
  throw new EdgeLabError('UNSUPPORTED', `${what} is not available in this version yet`);
}

export async function importBench(_ctx: EngineCtx, _args: Args<'importBench'>, _job: JobContext): Promise<Results['importBench']> {
  return notYet('importing benchmark files');
}
export async function latency(_ctx: EngineCtx, _args: Args<'latency'>, _job: JobContext): Promise<Results['latency']> {
  return notYet('the latency matrix');
}
export async function benchModel(_ctx: EngineCtx, _args: Args<'benchModel'>, _job: JobContext): Promise<Results['benchModel']> {
  return notYet('the workstation benchmark runner');
}
