// Reloading or closing the page while a job runs warns first: a running job (jobs/store.ts) keeps the browser's
// "Leave site?" prompt up (beforeunload with preventDefault; returnValue for older engines). Closing the page
// cancels the job's request, so the engine stops the work; the prompt lets the user keep it instead.
import { jobsSnapshot } from './store';

/** The part of a beforeunload event the guard touches. */
export interface UnloadEventLike {
  preventDefault(): void;
  returnValue?: unknown;
}

export interface UnloadTarget {
  addEventListener(type: 'beforeunload', listener: (e: UnloadEventLike) => void): void;
  removeEventListener(type: 'beforeunload', listener: (e: UnloadEventLike) => void): void;
}

/** True while a job started in this window runs. */
export const jobRunning = (): boolean => jobsSnapshot().some((j) => j.status === 'running');

/** Installs the guard on `target` (the window); returns its removal. */
export function guardUnload(target: UnloadTarget, running: () => boolean = jobRunning): () => void {
  const listener = (e: UnloadEventLike) => {
    if (!running()) return;
    e.preventDefault();
    e.returnValue = ''; // Chromium < 119 and Electron's older engines show the prompt only with this set
  };
  target.addEventListener('beforeunload', listener);
  return () => target.removeEventListener('beforeunload', listener);
}
