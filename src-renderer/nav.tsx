// Navigation: the current view and its parameters live in the URL hash as `#/<view>?k=v&…`, so a reload
// (or a shared link) reopens the same view, e.g. `#/ab?baseline=<run>&variant=<run>&frame=12`.
// Coexists with api/host.ts: the `token=` of a hash belongs to the host (it takes the token and strips it, keeping
// the route: `#/graph?variant=<id>&token=<t>` opens the Graph view); the navigator never reads the token as a
// parameter, nor writes over a hash that still carries one.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatHash, parseHash, type Route } from './route';

export interface Nav {
  route: Route;
  /** Opens a view (new history entry). */
  go(view: string, params?: Record<string, string | number | undefined | null>): void;
  /** Changes parameters of the current view in place (no history entry), e.g. the frame while playing. */
  setParams(params: Record<string, string | number | undefined | null>): void;
}

const NavContext = createContext<Nav | null>(null);

function currentHash(): string {
  return globalThis.location?.hash ?? '';
}

export function NavProvider({ children, initial }: { children: ReactNode; initial?: Route }) {
  const [route, setRoute] = useState<Route>(() => initial ?? parseHash(currentHash()));

  useEffect(() => {
    const onHash = () => {
      const h = currentHash();
      if (h.startsWith('#/')) setRoute(parseHash(h));
    };
    globalThis.addEventListener?.('hashchange', onHash);
    return () => globalThis.removeEventListener?.('hashchange', onHash);
  }, []);

  const routeRef = useRef(route);
  routeRef.current = route;
  const write = useCallback((next: Route, push: boolean) => {
    routeRef.current = next;
    setRoute(next);
    const loc = globalThis.location;
    if (!loc || /(?:^|[?&#])token=/.test(loc.hash)) return;
    const url = loc.pathname + loc.search + formatHash(next.view, next.params);
    if (push) globalThis.history?.pushState(null, '', url);
    else globalThis.history?.replaceState(null, '', url);
  }, []);

  const go = useCallback<Nav['go']>((view, params = {}) => write({ view, params: clean(params) }, true), [write]);
  const setParams = useCallback<Nav['setParams']>(
    (params) => write({ view: routeRef.current.view, params: clean({ ...routeRef.current.params, ...params }) }, false),
    [write],
  );
  const value = useMemo(() => ({ route, go, setParams }), [route, go, setParams]);
  return <NavContext.Provider value={value}>{children}</NavContext.Provider>;
}

function clean(params: Record<string, string | number | undefined | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out;
}

export function useNav(): Nav {
  const nav = useContext(NavContext);
  if (!nav) throw new Error('useNav() outside <NavProvider>');
  return nav;
}
