// Shared state of one engine instance, and the JobContext built from a call's CallOptions.
import type { EngineInfo } from '../../src-shared/api';
import type { CallOptions, Progress } from '../../src-shared/protocol';
import type { JobContext } from '../jobs/context';
import type { JobQueue } from '../jobs/queue';
import type { PathPolicy } from '../workspace/path-policy';
import type { Workspace } from '../workspace/workspace';

export interface EngineCtx {
  ws: Workspace;
  policy: PathPolicy;
  host: EngineInfo['host'];
  /** The queue long methods run through (create-engine.ts). */
  jobs?: JobQueue;
}

/** At most this many progress events per second reach the caller (the last of a stage always does). */
export const PROGRESS_PER_SECOND = 10;

/** JobContext over CallOptions: same signal, progress throttled to ≤ PROGRESS_PER_SECOND events/s (milestones and stage changes always pass). */
export function jobFromOptions(options?: CallOptions): JobContext {
  const sink = options?.onProgress;
  let last = 0;
  let lastStage = '';
  return {
    signal: options?.signal,
    progress(p: Progress) {
      if (!sink) return;
      const now = Date.now();
      const final = p.total !== undefined && p.done !== undefined && p.done >= p.total;
      if (p.stage !== lastStage || final || p.milestone || now - last >= 1000 / PROGRESS_PER_SECOND) {
        last = now;
        lastStage = p.stage;
        try {
          sink(p);
        } catch {
          // A failing progress listener must not fail the job.
        }
      }
    },
  };
}
