// The engine's composition root: every host (CLI, server, Electron engine process, tests) builds the
// engine only through `createEngine`. Each method validates its arguments with the shared zod schemas,
// then runs its implementation from src-main/engine/ with a JobContext built from the CallOptions.
import type { Args, EdgeLabApi, EngineInfo, MethodName, Results } from '../src-shared/api';
import { LONG_METHODS, METHOD_NAMES } from '../src-shared/api';
import type { CallOptions } from '../src-shared/protocol';
import { validateArgs } from '../src-shared/validate';
import type { JobContext } from './jobs/context';
import { JobQueue } from './jobs/queue';
import { bundledModelsDir, samplesDir } from './models/catalog';
import { jobFromOptions, type EngineCtx } from './engine/context';
import { demo } from './engine/demo';
import { getInfo } from './engine/info';
import { importModel, inspectModel, listBundled, listModels } from './engine/models';
import { report } from './engine/reports';
import { getFrame, getRun, listRuns, replay } from './engine/runs';
import { convertModel } from './engine/variants';
import { layers } from './engine/layers';
import { modelGraph } from './engine/graph';
import { compare, listCompares } from './engine/degradation';
import { sweep } from './engine/sweep';
import { getLab, listLabs, runLab } from './engine/lab';
import { exportWorkflow } from './engine/workflow';
import { getSettings, saveSettings } from './engine/settings';
import { benchModel, importBench, latency } from './engine/latency';
import { predict } from './engine/predict';
import { guardOutputs } from './workspace/output-guard';
import { confinedPathPolicy, openPathPolicy, type PathPolicy } from './workspace/path-policy';
import { Workspace } from './workspace/workspace';

export interface EngineOptions {
  /** Workspace folder; default EDGELAB_WORKSPACE or ~/.edgelab/workspace. */
  workspaceDir?: string;
  host: EngineInfo['host'];
  /** 'open' (CLI, default): any path. 'confined' (server): workspace, bundled models, samples, allowed files. */
  pathPolicy?: 'open' | 'confined';
  /** Long jobs run at once; the rest wait in the queue (default: jobs/queue.ts defaultJobLimit — cores and free memory). */
  maxJobs?: number;
}

export type Engine = EdgeLabApi & {
  dispose(): Promise<void>;
  workspace: Workspace;
  /** The host's path policy (`allow` adds a root, e.g. a file the user picked). */
  pathPolicy: PathPolicy;
  /** The queue every long method (LONG_METHODS) runs through. */
  jobs: JobQueue;
};

type Impl = { [M in MethodName]: (ctx: EngineCtx, args: Args<M>, job: JobContext) => Promise<Results[M]> };

/** Method name → implementation. */
const IMPLEMENTATIONS: Impl = {
  getInfo: (ctx) => getInfo(ctx),
  listBundled: () => listBundled(),
  listModels: (ctx) => listModels(ctx),
  importModel,
  inspectModel: (ctx, args) => inspectModel(ctx, args),
  convertModel,
  replay,
  sweep,
  listRuns: (ctx) => listRuns(ctx),
  getRun: (ctx, args) => getRun(ctx, args),
  getFrame: (ctx, args) => getFrame(ctx, args),
  report,
  importBench,
  latency,
  benchModel,
  predict,
  layers,
  modelGraph: (ctx, args) => modelGraph(ctx, args),
  compare,
  listCompares: (ctx, args) => listCompares(ctx, args),
  runLab,
  listLabs: (ctx) => listLabs(ctx),
  getLab: (ctx, args) => getLab(ctx, args),
  exportWorkflow: (ctx, args) => exportWorkflow(ctx, args),
  getSettings: (ctx) => getSettings(ctx),
  saveSettings: (ctx, args) => saveSettings(ctx, args),
  demo,
};

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const ws = await Workspace.open(opts.workspaceDir);
  const policy = guardOutputs(
    opts.pathPolicy === 'confined' ? confinedPathPolicy([ws.dir, bundledModelsDir(), samplesDir()], ws.dir) : openPathPolicy(),
    ws.dir,
  );
  const jobs = new JobQueue(opts.maxJobs);
  const ctx: EngineCtx = { ws, policy, host: opts.host, jobs };
  const api: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) {
    const queued = LONG_METHODS.includes(m);
    api[m] = async (args: unknown, options?: CallOptions) => {
      const valid = validateArgs(m, args);
      const job = jobFromOptions(options);
      const run = () => (IMPLEMENTATIONS[m] as (c: EngineCtx, a: unknown, j: JobContext) => Promise<unknown>)(ctx, valid, job);
      // Short methods (lists, settings, frames) never wait behind long jobs.
      return queued ? jobs.run(job, run) : run();
    };
  }
  return Object.assign(api as EdgeLabApi, {
    workspace: ws,
    pathPolicy: policy,
    jobs,
    dispose: async () => {},
  });
}
