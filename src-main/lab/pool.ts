// Worker pool over a DAG: starts a task when all its dependencies succeeded, at most `jobs` at a time and within a
// memory budget (the sum of running tasks' `memoryMb`; one task always runs even when it alone exceeds the budget).
// A task whose dependency failed is skipped, not run. Hand-written: the scheduling rule (deps + memory) is EdgeLab's.
import { availableParallelism, freemem } from 'node:os';

export interface PoolTask {
  id: string;
  deps: string[];
  memoryMb: number;
}

export type TaskOutcome = 'done' | 'cached' | 'failed' | 'skipped';

/** Default pool size: cores, capped by free memory at ~800 MB per worker (the largest step estimate, plan.ts), at least 1. */
export function defaultJobs(): number {
  const byMemory = Math.floor(freemem() / (1024 * 1024) / 800);
  return Math.max(1, Math.min(availableParallelism(), byMemory));
}

/** Memory the pool may fill, MB: 80 % of what is free now. */
export function memoryBudgetMb(): number {
  return Math.floor((0.8 * freemem()) / (1024 * 1024));
}

/**
 * Runs `run` over `tasks` (given in topological order) and resolves with every task's outcome. `run` resolves with
 * an outcome; a throw counts as 'failed'. `stop()` returning true stops starting new tasks (cancellation); running
 * ones are awaited.
 */
export async function runPool<T extends PoolTask>(
  tasks: readonly T[],
  opts: { jobs: number; budgetMb: number; run: (t: T) => Promise<TaskOutcome>; stop: () => boolean },
): Promise<Map<string, TaskOutcome>> {
  const outcome = new Map<string, TaskOutcome>();
  const pending = [...tasks];
  const running = new Map<string, { task: T; done: Promise<void> }>();
  let usedMb = 0;
  const ok = (id: string) => outcome.get(id) === 'done' || outcome.get(id) === 'cached';
  for (;;) {
    // Skip what can never run, start what can.
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (let i = 0; i < pending.length; i++) {
        const t = pending[i];
        if (t.deps.some((d) => outcome.has(d) && !ok(d))) {
          outcome.set(t.id, 'skipped');
          pending.splice(i--, 1);
          progressed = true;
          continue;
        }
        if (opts.stop()) continue;
        if (!t.deps.every(ok)) continue;
        if (running.size >= opts.jobs || (running.size > 0 && usedMb + t.memoryMb > opts.budgetMb)) continue;
        pending.splice(i--, 1);
        usedMb += t.memoryMb;
        const done = opts
          .run(t)
          .catch((): TaskOutcome => 'failed')
          .then((o) => {
            outcome.set(t.id, o);
            usedMb -= t.memoryMb;
            running.delete(t.id);
          });
        running.set(t.id, { task: t, done });
        progressed = true;
      }
    }
    if (running.size === 0) break;
    await Promise.race([...running.values()].map((r) => r.done));
  }
  for (const t of pending) if (!outcome.has(t.id)) outcome.set(t.id, 'skipped');
  return outcome;
}
