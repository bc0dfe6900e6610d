// The Jobs list survives a reload of the page: the store (jobs/store.ts) writes it to the window's
// sessionStorage on every change and reads it back when the page starts. A job that was running when the page
// went away did not survive it: the engine cancels a call whose page closes its request (server: the HTTP
// request's 'close'; in-process and IPC: the port goes away with the page), so it comes back as 'cancelled'
// with that reason — visible, never shown as still running. At most MAX_KEPT jobs are kept (the newest).
import type { JobRecord } from './job-record';

/** The part of the DOM Storage the store uses (window.sessionStorage satisfies it). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const JOBS_STORAGE_KEY = 'edgelab.jobs.v1';
export const MAX_KEPT = 50;
export const RELOAD_REASON = 'stopped: the page was reloaded or closed while this job ran (the engine stops a call whose page goes away); start it again';

/** The window's sessionStorage, or null where there is none (tests outside a browser, storage disabled). */
export function sessionStore(): StorageLike | null {
  try {
    const s = (globalThis as { sessionStorage?: StorageLike }).sessionStorage;
    return s ?? null;
  } catch {
    return null; // a sandboxed frame throws on access
  }
}

function isRecord(x: unknown): x is JobRecord {
  const j = x as JobRecord;
  return (
    !!j && typeof j === 'object' && Number.isInteger(j.id) && typeof j.title === 'string' &&
    ['running', 'done', 'cancelled', 'failed'].includes(j.status) && typeof j.startedAt === 'number'
  );
}

/** Writes the list (the newest MAX_KEPT); a full or unavailable storage is ignored: the list is a convenience. */
export function saveJobs(storage: StorageLike | null, jobs: readonly JobRecord[]): void {
  if (!storage) return;
  try {
    storage.setItem(JOBS_STORAGE_KEY, JSON.stringify(jobs.slice(-MAX_KEPT)));
  } catch {
    /* quota exceeded or storage disabled: keep working without persistence */
  }
}

/** The list kept before the reload; jobs running then come back cancelled with RELOAD_REASON, ended `now`. */
export function restoreJobs(storage: StorageLike | null, now: number): JobRecord[] {
  if (!storage) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(JOBS_STORAGE_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(isRecord).map((j) =>
    j.status === 'running' ? { ...j, status: 'cancelled' as const, endedAt: now, error: RELOAD_REASON, progress: j.progress ?? null } : j,
  );
}
