// One job of the window's Jobs list (jobs/store.ts keeps them, jobs/persist.ts carries them across a reload).
import type { Progress } from '../../src-shared/protocol';

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
