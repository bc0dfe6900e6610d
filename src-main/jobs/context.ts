// What every long engine operation receives: a cancel signal and a progress sink.
// Invariant: an operation that throws (cancelled or failed) has left no artefact visible.
import type { CancelSignal, Progress } from '../../src-shared/protocol';
import { throwIfCancelled } from '../../src-shared/protocol';

export interface JobContext {
  signal?: CancelSignal;
  progress(p: Progress): void;
}

export const silentJob: JobContext = { progress: () => {} };

/** A child context whose progress is mapped into [from, to] of the parent's fraction. */
export function subJob(ctx: JobContext, from: number, to: number, stagePrefix?: string): JobContext {
  return {
    signal: ctx.signal,
    progress: (p) =>
      ctx.progress({
        ...p,
        stage: stagePrefix ? `${stagePrefix}: ${p.stage}` : p.stage,
        fraction: p.fraction === undefined ? from : from + (to - from) * Math.min(1, Math.max(0, p.fraction)),
      }),
  };
}

export function checkCancelled(ctx: JobContext): void {
  throwIfCancelled(ctx.signal);
}
