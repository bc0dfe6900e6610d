// The app shell: engine info, tabs (Models, Replay) and the Run view for an opened run.
import { useCallback, useEffect, useState } from 'react';
import type { EngineInfo } from '../src-shared/api';
import type { RunSummary } from '../src-shared/formats/run';
import type { BundledClip, BundledModel } from '../src-shared/types/model';
import { getApi } from './api/host';
import { ErrorAlert } from './components/ErrorAlert';
import { errorText } from './lib/format';
import { ModelsView } from './views/ModelsView';
import { ReplayView } from './views/ReplayView';
import { RunView } from './views/RunView';

type Tab = 'models' | 'replay';

export function App() {
  const [tab, setTab] = useState<Tab>('models');
  const [openRun, setOpenRun] = useState<string | null>(null);
  const [info, setInfo] = useState<EngineInfo | null>(null);
  const [bundled, setBundled] = useState<{ models: BundledModel[]; clips: BundledClip[] }>({ models: [], clips: [] });
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refreshRuns = useCallback(() => {
    getApi()
      .listRuns({})
      .then(setRuns)
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  useEffect(() => {
    const api = getApi();
    api.getInfo({}).then(setInfo, (e: unknown) => setError(errorText(e)));
    api.listBundled({}).then(setBundled, (e: unknown) => setError(errorText(e)));
    refreshRuns();
  }, [refreshRuns]);

  const go = (t: Tab) => {
    setOpenRun(null);
    setTab(t);
  };

  return (
    <div className="app">
      <header className="header">
        <h1>EdgeLab</h1>
        <nav aria-label="views">
          <button type="button" aria-current={!openRun && tab === 'models' ? 'page' : undefined} onClick={() => go('models')}>
            Models
          </button>
          <button type="button" aria-current={!openRun && tab === 'replay' ? 'page' : undefined} onClick={() => go('replay')}>
            Replay &amp; runs
          </button>
        </nav>
        <span className="muted" data-testid="engine-info">
          {info ? `engine ${info.version} · ${info.host} · ${info.runtimes.filter((r) => r.available).map((r) => `${r.name}/${r.backend ?? '?'}`).join(', ')}` : 'connecting…'}
        </span>
      </header>
      <main>
        <ErrorAlert message={error} />
        {openRun ? (
          <RunView runId={openRun} onBack={() => go('replay')} />
        ) : tab === 'models' ? (
          <ModelsView bundled={bundled.models} />
        ) : (
          <ReplayView bundled={bundled.models} clips={bundled.clips} runs={runs} onFinished={refreshRuns} onOpenRun={setOpenRun} />
        )}
      </main>
    </div>
  );
}
