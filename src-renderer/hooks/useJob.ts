// One long API call at a time with progress, cancel (AbortController → the transport's cancel) and
// the error in words. `start` resolves to the result, or undefined when it failed or was cancelled.
// Every call is also registered in the window's jobs store (jobs/store.ts) under `title`, for the Jobs view.
import { useCallback, useRef, useState } from 'react';
import type { CallOptions, Progress } from '../../src-shared/protocol';
import { errorText, isCancelled } from '../lib/format';
import { runJob } from '../jobs/store';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface Job {
  status: JobStatus;
  progress: Progress | null;
  error: string | null;
  start<T>(call: (options: CallOptions) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
}

export function useJob(title = 'job'): Job {
  const [status, setStatus] = useState<JobStatus>('idle');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ctrl = useRef<AbortController | null>(null);

  const start = useCallback(async <T,>(call: (options: CallOptions) => Promise<T>): Promise<T | undefined> => {
    ctrl.current?.abort();
    const ac = new AbortController();
    ctrl.current = ac;
    setStatus('running');
    setProgress(null);
    setError(null);
    try {
      const r = await runJob(
        title,
        (o) =>
          call({
            signal: o.signal,
            onProgress: (p) => {
              setProgress(p);
              o.onProgress?.(p);
            },
          }),
        ac.signal,
      );
      if (ctrl.current === ac) setStatus('done');
      return r;
    } catch (e) {
      if (isCancelled(e) || ac.signal.aborted) setStatus('cancelled');
      else {
        setStatus('failed');
        setError(errorText(e));
      }
      return undefined;
    } finally {
      if (ctrl.current === ac) ctrl.current = null;
    }
  }, [title]);

  const cancel = useCallback(() => ctrl.current?.abort(), []);
  return { status, progress, error, start, cancel };
}
