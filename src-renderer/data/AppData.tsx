// Data every view may need, loaded once per page: engine info, the bundled catalogue, the workspace's runs
// (refreshed by views after a replay). Kept in a context so registry entries take no props.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { EngineInfo } from '../../src-shared/api';
import type { RunSummary } from '../../src-shared/formats/run';
import type { BundledClip, BundledModel } from '../../src-shared/types/model';
import { getApi } from '../api/host';
import { errorText } from '../lib/format';

export interface AppData {
  info: EngineInfo | null;
  bundled: { models: BundledModel[]; clips: BundledClip[] };
  runs: RunSummary[];
  /** The runs list has been read at least once (empty states wait for it). */
  runsLoaded: boolean;
  /** Error of the last load, in words. */
  error: string | null;
  refreshRuns(): void;
}

const AppDataContext = createContext<AppData | null>(null);

export function AppDataProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<EngineInfo | null>(null);
  const [bundled, setBundled] = useState<AppData['bundled']>({ models: [], clips: [] });
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [runsLoaded, setRunsLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refreshRuns = useCallback(() => {
    getApi()
      .listRuns({})
      .then((r) => {
        setRuns(r);
        setRunsLoaded(true);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  useEffect(() => {
    const api = getApi();
    api.getInfo({}).then(setInfo, (e: unknown) => setError(errorText(e)));
    api.listBundled({}).then(setBundled, (e: unknown) => setError(errorText(e)));
    refreshRuns();
  }, [refreshRuns]);

  const value = useMemo(() => ({ info, bundled, runs, runsLoaded, error, refreshRuns }), [info, bundled, runs, runsLoaded, error, refreshRuns]);
  return <AppDataContext.Provider value={value}>{children}</AppDataContext.Provider>;
}

export function useAppData(): AppData {
  const d = useContext(AppDataContext);
  if (!d) throw new Error('useAppData() outside <AppDataProvider>');
  return d;
}
