// getInfo: version, workspace, runtimes and ffmpeg as this engine sees them, its job queue and its memory.
import type { EngineInfo } from '../../src-shared/api';
import { findFfmpeg } from '../media/ffmpeg';
import { runtimeAvailability } from '../runtimes/registry';
import { appPackage } from './app-root';
import type { EngineCtx } from './context';
import { engineMemory } from './memory';

export async function getInfo(ctx: EngineCtx): Promise<EngineInfo> {
  return {
    version: appPackage().version,
    workspace: ctx.ws.dir,
    runtimes: await runtimeAvailability(),
    ffmpeg: findFfmpeg(),
    host: ctx.host,
    ...(ctx.jobs ? { jobs: ctx.jobs.stats() } : {}),
    memory: engineMemory(),
  };
}
