// Renderer entry, kept small so it runs within a few ms of the page's HTML: it reads the route and starts what the
// view will fetch (views/preloads.ts: e.g. the Graph view's modelGraph and layout-worker warm-up), then loads the app
// (app-mount.tsx: React, the shell, the views' registry) in parallel. A graph opened by URL is then on its way while
// the app's code downloads and parses, instead of after React's first render.
// zod-jitless comes first: it must run before any zod schema is built (see the file).
import './zod-jitless';
import { parseHash } from './route';
import { VIEW_PRELOADS } from './views/preloads';

// The entry runs (bench:graph reads this mark; ms since navigation).
performance.mark('edgelab:boot');
const route = parseHash(globalThis.location?.hash ?? '');
VIEW_PRELOADS[route.view]?.(route.params);
void import('./app-mount');
