// The engine's composition root: every host (CLI, server, Electron engine process, tests) builds the
// engine only through `createEngine`. Each method validates its arguments with the shared zod schemas,
// then runs its implementation from src-main/engine/ with a JobContext built from the CallOptions.
import type { Args, EdgeLabApi, EngineInfo, MethodName, Results } from '../src-shared/api';
import { METHOD_NAMES } from '../src-shared/api';
import type { CallOptions } from '../src-shared/protocol';
import { validateArgs } from '../src-shared/validate';
import type { JobContext } from './jobs/context';
import { bundledModelsDir, samplesDir } from './models/catalog';
import { jobFromOptions, type EngineCtx } from './engine/context';
import { demo } from './engine/demo';
import { getInfo } from './engine/info';
import { importModel, inspectModel, listBundled, listModels } from './engine/models';
import { report } from './engine/reports';
import { getFrame, getRun, listRuns, replay } from './engine/runs';
import { convertModel } from './engine/variants';
import { layers } from './engine/layers';
import { compare, listCompares } from './engine/degradation';
import { getLab, listLabs, runLab } from './engine/lab';
import { exportWorkflow } from './engine/workflow';
import { getSettings, saveSettings } from './engine/settings';
import { benchModel, importBench, latency } from './engine/latency';
import { confinedPathPolicy, openPathPolicy, type PathPolicy } from './workspace/path-policy';
import { Workspace } from './workspace/workspace';

export interface EngineOptions {
  /** Workspace folder; default EDGELAB_WORKSPACE or ~/.edgelab/workspace. */
  workspaceDir?: string;
  host: EngineInfo['host'];
  /** 'open' (CLI, default): any path. 'confined' (server): workspace, bundled models, samples, allowed files. */
  pathPolicy?: 'open' | 'confined';
}

export type Engine = EdgeLabApi & {
  dispose(): Promise<void>;
  workspace: Workspace;
  /** The host's path policy (`allow` adds a root, e.g. a file the user picked). */
  pathPolicy: PathPolicy;
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
  listRuns: (ctx) => listRuns(ctx),
  getRun: (ctx, args) => getRun(ctx, args),
  getFrame: (ctx, args) => getFrame(ctx, args),
  report,
  importBench,
  latency,
  benchModel,
  layers,
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
  const policy =
    opts.pathPolicy === 'confined' ? confinedPathPolicy([ws.dir, bundledModelsDir(), samplesDir()], ws.dir) : openPathPolicy();
  const ctx: EngineCtx = { ws, policy, host: opts.host };
  const api: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) {
    api[m] = async (args: unknown, options?: CallOptions) => {
      const valid = validateArgs(m, args);
      const job = jobFromOptions(options);
      return (IMPLEMENTATIONS[m] as (c: EngineCtx, a: unknown, j: JobContext) => Promise<unknown>)(ctx, valid, job);
    };
  }
  return Object.assign(api as EdgeLabApi, {
    workspace: ws,
    pathPolicy: policy,
    dispose: async () => {},
  });
}
