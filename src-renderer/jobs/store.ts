// Every long call started from this window, for the Jobs view: status, progress, remaining time, cancel, error.
// A module-level store (one per window) read with useSyncExternalStore; jobs live as long as the page.
// Remaining time: the engine's etaMs when given, else elapsed · (1 − fraction) / fraction.
import type { CallOptions, Progress } from '../../src-shared/protocol';
import { errorText, isCancelled } from '../lib/format';

export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface JobRecord {
  id: number;
  title: string;
  status: JobStatus;
  progress: Progress | null;
  /** Date.now() at start / end, ms. */
  startedAt: number;
  endedAt: number | null;
  error: string | null;
}

type Listener = () => void;
let jobs: readonly JobRecord[] = [];
let nextId = 1;
const controllers = new Map<number, AbortController>();
const listeners = new Set<Listener>();

function set(id: number, patch: Partial<JobRecord>): void {
  jobs = jobs.map((j) => (j.id === id ? { ...j, ...patch } : j));
  for (const l of listeners) l();
}

export function subscribeJobs(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function jobsSnapshot(): readonly JobRecord[] {
  return jobs;
}

/** Runs `call` as a tracked job; resolves to its result, or rejects with its error (CANCELLED when cancelled). */
export async function runJob<T>(title: string, call: (options: CallOptions) => Promise<T>, outer?: AbortSignal): Promise<T> {
  const id = nextId++;
  const ac = new AbortController();
  controllers.set(id, ac);
  const onOuter = () => ac.abort();
  outer?.addEventListener('abort', onOuter, { once: true });
  jobs = [...jobs, { id, title, status: 'running', progress: null, startedAt: Date.now(), endedAt: null, error: null }];
  for (const l of listeners) l();
  try {
    const r = await call({ signal: ac.signal, onProgress: (p) => set(id, { progress: p }) });
    set(id, { status: 'done', endedAt: Date.now() });
    return r;
  } catch (e) {
    if (isCancelled(e) || ac.signal.aborted) set(id, { status: 'cancelled', endedAt: Date.now() });
    else set(id, { status: 'failed', endedAt: Date.now(), error: errorText(e) });
    throw e;
  } finally {
    controllers.delete(id);
    outer?.removeEventListener('abort', onOuter);
  }
}

export function cancelJob(id: number): void {
  controllers.get(id)?.abort();
}

/** Drops finished jobs from the list. */
export function clearFinishedJobs(): void {
  jobs = jobs.filter((j) => j.status === 'running');
  for (const l of listeners) l();
}

/** A running job still waiting in the engine's job queue (src-main/jobs/queue.ts): its 1-based place, else null. */
export function queuePosition(j: JobRecord): number | null {
  if (j.status !== 'running' || j.progress?.stage !== 'queued') return null;
  return j.progress.queue?.position ?? null;
}

/** Remaining time of a running job, ms, or null when unknown. */
export function remainingMs(j: JobRecord, now: number): number | null {
  if (j.status !== 'running' || !j.progress || j.progress.stage === 'queued') return null;
  if (j.progress.etaMs !== undefined) return j.progress.etaMs;
  const f = j.progress.fraction ?? (j.progress.total ? (j.progress.done ?? 0) / j.progress.total : undefined);
  if (f === undefined || f <= 0) return null;
  return ((now - j.startedAt) * (1 - f)) / f;
}
