// The app shell: engine info, a nav button per registered view (views/registry.tsx), and the view the
// route names (nav.tsx, kept in the URL hash).
import { Suspense, useEffect } from 'react';
import { getApi } from './api/host';
import { ErrorAlert } from './components/ErrorAlert';
import { AppDataProvider, useAppData } from './data/AppData';
import { NavProvider, useNav } from './nav';
import { VIEW_PRELOADS } from './views/preloads';
import { VIEWS, viewFor } from './views/registry';

function Shell() {
  const { info, error } = useAppData();
  const nav = useNav();
  const entry = viewFor(nav.route.view);
  const View = entry.component;
  // Once per entry into a view: what it will fetch starts while its chunk loads.
  useEffect(() => void VIEW_PRELOADS[entry.id]?.(nav.route.params), [entry]);
  return (
    <div className="app">
      <header className="header">
        <h1>EdgeLab</h1>
        <nav aria-label="views">
          {VIEWS.filter((v) => v.inNav).map((v) => (
            <button key={v.id} type="button" aria-current={entry.id === v.id ? 'page' : undefined} onClick={() => nav.go(v.id)}>
              {v.title}
            </button>
          ))}
        </nav>
        <span className="muted" data-testid="engine-info">
          {info ? `engine ${info.version} · ${info.host} · ${info.runtimes.filter((r) => r.available).map((r) => `${r.name}/${r.backend ?? '?'}`).join(', ')}` : 'connecting…'}
        </span>
      </header>
      <main>
        <ErrorAlert message={error} />
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <View key={entry.id} />
        </Suspense>
      </main>
    </div>
  );
}

export function App() {
  // The host takes its `#token=` from the hash before the navigator reads a route from it.
  getApi();
  return (
    <AppDataProvider>
      <NavProvider>
        <Shell />
      </NavProvider>
    </AppDataProvider>
  );
}
