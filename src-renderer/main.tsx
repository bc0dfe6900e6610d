// Renderer entry, kept small so it runs within a few ms of the page's HTML: it reads the route and starts what the
// view will fetch (views/preloads.ts: e.g. the Graph view's modelGraph and layout-worker warm-up), then loads the app
// (app-mount.tsx: React, the shell, the views' registry). A graph opened by URL is on its way before the app's code
// downloads and parses, instead of after React's first render. A preload that returns a promise (the Graph view's:
// settled once its reply has gone to the layout worker) holds the app's chunk back until then, at most APP_WAIT_MS:
// parsing that chunk blocks this thread for a few hundred ms, and a reply arriving meanwhile waits behind it; after
// it, the app parses here while the worker lays the graph out (bench:graph, CenterNet first paint, 3 interleaved
// runs each: 1 681 / 2 106 / 1 656 ms before, 1 504 / 1 610 / 1 584 ms after).
// zod-jitless comes first: it must run before any zod schema is built (see the file).
import './zod-jitless';
import { parseHash } from './route';
import { VIEW_PRELOADS } from './views/preloads';

// The entry runs (bench:graph reads this mark; ms since navigation).
performance.mark('edgelab:boot');
const route = parseHash(globalThis.location?.hash ?? '');
/** Longest the app's chunk waits for a view's preload, ms (a slow engine must not keep the shell away). */
const APP_WAIT_MS = 800;
const ready = VIEW_PRELOADS[route.view]?.(route.params);
const waited = ready && Promise.race([ready.catch(() => {}), new Promise((r) => setTimeout(r, APP_WAIT_MS))]);
void (waited ?? Promise.resolve()).then(() => import('./app-mount'));
