// Every long call started from this window, for the Jobs view: status, progress, remaining time, cancel, error.
// A module-level store (one per window) read with useSyncExternalStore; the list is kept across a reload of the
// page (jobs/persist.ts: a job running at the reload comes back as cancelled, with the reason).
// Remaining time: the engine's etaMs when given, else elapsed · (1 − fraction) / fraction.
import type { CallOptions, Progress } from '../../src-shared/protocol';
import { errorText, isCancelled } from '../lib/format';
import type { JobRecord } from './job-record';
import { restoreJobs, saveJobs, sessionStore } from './persist';

export type { JobRecord, JobStatus } from './job-record';

type Listener = () => void;
const storage = sessionStore();
let jobs: readonly JobRecord[] = restoreJobs(storage, Date.now());
let nextId = jobs.reduce((m, j) => Math.max(m, j.id), 0) + 1;
const controllers = new Map<number, AbortController>();
const listeners = new Set<Listener>();

function changed(): void {
  saveJobs(storage, jobs);
  for (const l of listeners) l();
}

function set(id: number, patch: Partial<JobRecord>): void {
  jobs = jobs.map((j) => (j.id === id ? { ...j, ...patch } : j));
  changed();
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
  changed();
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
  changed();
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
