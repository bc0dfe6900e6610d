// What a view starts fetching the moment the route enters it, before its chunk (or, on a page load, the app's
// chunk) has loaded: view id → preload(params). React-free, so the entry (main.tsx) runs it first thing on a page
// load and the shell (App.tsx) on every later entry into the view; a preload sent twice for the same target is one
// request (graph-fetch.ts keeps it until the view takes it).
import { prefetchGraph } from '../graph/graph-fetch';

/** Starts a view's fetches; a promise (optional) settles when what the view needs first is under way (main.tsx waits on it). */
export type ViewPreload = (params: Record<string, string>) => Promise<void> | void;

export const VIEW_PRELOADS: Readonly<Record<string, ViewPreload>> = {
  // The graph (modelGraph) and the layout worker's warm-up; the view's own chunk once the graph's layout has been
  // asked for (the chunk brings the app's: its parse must not hold the reply back, main.tsx).
  graph: (p) => {
    const ready = prefetchGraph(p.variant ?? p.model);
    void ready.then(() => import('./GraphView')).catch(() => {}); // React.lazy in registry.tsx loads the same chunk (and reports errors)
    return ready;
  },
};
