// Loads one run's run.json through the host API; a reply for a run id the view has left is dropped.
import { useEffect, useState } from 'react';
import type { RunFile } from '../../src-shared/formats/run';
import { getApi } from '../api/host';
import { errorText } from '../lib/format';

/** The run `runId` (null until loaded; '' loads nothing) and the engine's error in words, if any. */
export function useRunFile(runId: string): { run: RunFile | null; error: string | null } {
  const [run, setRun] = useState<RunFile | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!runId) return;
    let live = true;
    getApi()
      .getRun({ run: runId })
      .then((r) => live && setRun(r))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [runId]);

  return { run, error };
}
