// Like hooks/useJob, for a view whose calls differ in title (import X, convert Y → fp16): the title is given per
// call, so the Jobs view names each job by what it does. One call at a time; `start` resolves to the result, or
// undefined when it failed (error in words in `error`) or was cancelled.
import { useCallback, useRef, useState } from 'react';
import type { CallOptions, Progress } from '../../src-shared/protocol';
import { errorText, isCancelled } from '../lib/format';
import { runJob, type JobStatus } from './store';

export interface TitledJob {
  status: JobStatus | 'idle';
  title: string | null;
  progress: Progress | null;
  error: string | null;
  start<T>(title: string, call: (options: CallOptions) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
}

export function useTitledJob(): TitledJob {
  const [state, setState] = useState<Pick<TitledJob, 'status' | 'title' | 'progress' | 'error'>>({ status: 'idle', title: null, progress: null, error: null });
  const ctrl = useRef<AbortController | null>(null);

  const start = useCallback(async <T,>(title: string, call: (options: CallOptions) => Promise<T>): Promise<T | undefined> => {
    ctrl.current?.abort();
    const ac = new AbortController();
    ctrl.current = ac;
    setState({ status: 'running', title, progress: null, error: null });
    try {
      const r = await runJob(title, (o) => call({ signal: o.signal, onProgress: (p) => (setState((s) => ({ ...s, progress: p })), o.onProgress?.(p)) }), ac.signal);
      if (ctrl.current === ac) setState((s) => ({ ...s, status: 'done' }));
      return r;
    } catch (e) {
      const cancelled = isCancelled(e) || ac.signal.aborted;
      if (ctrl.current === ac) setState((s) => ({ ...s, status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : errorText(e) }));
      return undefined;
    } finally {
      if (ctrl.current === ac) ctrl.current = null;
    }
  }, []);

  const cancel = useCallback(() => ctrl.current?.abort(), []);
  return { ...state, start, cancel };
}
