// The engine's job queue: long methods (LONG_METHODS) run through it, at most `limit` at a time, the others wait
// in arrival order. Without it, 20 replays started at once ran all in parallel (1.5 GB peak, 890 MB kept).
// The bound comes from the machine: one job per core, and no more than free memory / JOB_MEMORY_MB; the
// EDGELAB_MAX_JOBS environment variable or the engine's `maxJobs` option overrides it (tests, small machines).
// A waiting job reports progress { stage: 'queued', queue: { position, waiting, running, limit } } whenever its
// place changes, and { stage: 'started', milestone, queue: { position: 0, waitedMs } } when it leaves the queue
// (only if it waited), so every client's Jobs view shows it through the ordinary progress protocol.
// Invariants: a job cancelled while waiting never starts and rejects with CANCELLED; a slot is released exactly
// once, whether the job resolves or throws; `onIdle` listeners run each time the last job of a burst ends.
import { cpus, freemem } from 'node:os';
import { cancelledError, type QueueState } from '../../src-shared/protocol';
import type { JobContext } from './context';

/** Memory one long job may take at its peak (a replay of the SSD on tfjs-wasm measured ~150–300 MB), MB. */
export const JOB_MEMORY_MB = 300;

/** The concurrency bound for this machine now: min(cores, free memory / JOB_MEMORY_MB), at least 1. */
export function defaultJobLimit(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.EDGELAB_MAX_JOBS);
  if (Number.isInteger(forced) && forced >= 1) return forced;
  const byMemory = Math.floor(freemem() / (1024 * 1024) / JOB_MEMORY_MB);
  return Math.max(1, Math.min(cpus().length, byMemory));
}

export interface QueueStats {
  limit: number;
  running: number;
  waiting: number;
  /** Highest number of jobs waiting at once since the queue was made. */
  queuedMax: number;
  /** Jobs that ran (started) since the queue was made. */
  started: number;
}

interface Waiter {
  job: JobContext;
  since: number;
  start(): void;
}

export class JobQueue {
  readonly limit: number;
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private queuedMax = 0;
  private started = 0;
  private readonly idleListeners = new Set<() => void>();

  constructor(limit: number = defaultJobLimit()) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`job limit must be an integer >= 1, got ${limit}`);
    this.limit = limit;
  }

  stats(): QueueStats {
    return { limit: this.limit, running: this.running, waiting: this.waiting.length, queuedMax: this.queuedMax, started: this.started };
  }

  /** Calls `listener` whenever the queue becomes empty (nothing running or waiting); returns an unsubscribe. */
  onIdle(listener: () => void): () => void {
    this.idleListeners.add(listener);
    return () => this.idleListeners.delete(listener);
  }

  /** Runs `fn` when a slot is free; while waiting, reports its place through `job.progress`. */
  async run<T>(job: JobContext, fn: () => Promise<T>): Promise<T> {
    if (job.signal?.aborted) throw cancelledError();
    if (this.running < this.limit && this.waiting.length === 0) {
      this.running++;
      this.started++;
    } else {
      await this.wait(job);
    }
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private wait(job: JobContext): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const signal = job.signal;
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        this.announce(i);
        reject(cancelledError());
        if (this.running === 0 && this.waiting.length === 0) this.idle();
      };
      const waiter: Waiter = {
        job,
        since: Date.now(),
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          const waitedMs = Date.now() - waiter.since;
          job.progress({ stage: 'started', milestone: true, message: `started after ${Math.round(waitedMs)} ms in the queue`, queue: { ...this.state(0), waitedMs } });
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.queuedMax = Math.max(this.queuedMax, this.waiting.length);
      this.report(waiter, this.waiting.length);
    });
  }

  private release(): void {
    this.running--;
    const next = this.waiting.shift();
    if (next) {
      this.running++;
      this.started++;
      next.start();
      this.announce(0);
    } else if (this.running === 0) {
      this.idle();
    }
  }

  /** Tells the waiters from index `from` on their new place. */
  private announce(from: number): void {
    for (let i = from; i < this.waiting.length; i++) this.report(this.waiting[i]!, i + 1);
  }

  private report(w: Waiter, position: number): void {
    const ahead = position - 1;
    w.job.progress({
      stage: 'queued',
      message: `waiting for a free slot: ${ahead} ahead, ${this.running} running (limit ${this.limit})`,
      queue: { ...this.state(position), waitedMs: Date.now() - w.since },
    });
  }

  private state(position: number): QueueState {
    return { position, waiting: this.waiting.length, running: this.running, limit: this.limit };
  }

  private idle(): void {
    for (const l of this.idleListeners) {
      try {
        l();
      } catch {
        // An idle listener (memory release, logging) must not break the queue.
      }
    }
  }
}
