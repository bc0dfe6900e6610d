// One long API call at a time with progress, cancel (AbortController → the transport's cancel) and
// the error in words. `start` resolves to the result, or undefined when it failed or was cancelled.
import { useCallback, useRef, useState } from 'react';
import type { CallOptions, Progress } from '../../src-shared/protocol';
import { errorText, isCancelled } from '../lib/format';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface Job {
  status: JobStatus;
  progress: Progress | null;
  error: string | null;
  start<T>(call: (options: CallOptions) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
}

export function useJob(): Job {
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
      const r = await call({ signal: ac.signal, onProgress: (p) => setProgress(p) });
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
  }, []);

  const cancel = useCallback(() => ctrl.current?.abort(), []);
  return { status, progress, error, start, cancel };
}
