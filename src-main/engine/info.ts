// getInfo: version, workspace, runtimes and ffmpeg as this engine sees them.
import type { EngineInfo } from '../../src-shared/api';
import { findFfmpeg } from '../media/ffmpeg';
import { runtimeAvailability } from '../runtimes/registry';
import { appPackage } from './app-root';
import type { EngineCtx } from './context';

export async function getInfo(ctx: EngineCtx): Promise<EngineInfo> {
  return {
    version: appPackage().version,
    workspace: ctx.ws.dir,
    runtimes: await runtimeAvailability(),
    ffmpeg: findFfmpeg(),
    host: ctx.host,
  };
}
