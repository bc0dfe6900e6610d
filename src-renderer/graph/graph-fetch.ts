// The Graph view's graph request, startable before the view's chunk has loaded: the view registry's `preload`
// (views/registry.tsx) calls prefetchGraph as soon as the route enters the Graph view, which sends modelGraph and
// boots the layout worker in parallel; the view then takes that same request (takeGraph) instead of sending another.
// The graph is laid out the moment it arrives (its default collapse, boxes.ts), before the view's chunk may have
// loaded: the view asking for the same boxes then gets that layout (layout-client.ts keeps recent layouts by input).
// Marks `graph:request` / `graph:reply` on the page's performance timeline (bench:graph reads them).
import type { ModelGraph } from '../../src-shared/types/graph';
import { getApi } from '../api/host';
import { boxGraph, defaultCollapsed } from './boxes';
import { bootLayout, layoutInWorker } from './layout-client';

/** How long a request sent ahead stays takeable (a view that never mounted must not get a stale graph later), ms. */
const AHEAD_TTL_MS = 30_000;
/** Requests sent ahead and not yet taken, by model/variant id. */
const ahead = new Map<string, { graph: Promise<ModelGraph>; at: number }>();

function request(target: string): Promise<ModelGraph> {
  performance.mark('graph:request');
  return getApi()
    .modelGraph({ model: target })
    .then((g) => {
      performance.mark('graph:reply');
      return g;
    });
}

/**
 * Sends modelGraph for `target` now (once until taken) and starts the layout worker. Settles (never rejects) once the
 * reply is in and its layout has been sent to the worker, or the request failed.
 */
export function prefetchGraph(target: string | undefined): Promise<void> {
  bootLayout();
  if (!target) return Promise.resolve();
  const had = ahead.get(target);
  if (had && performance.now() - had.at < AHEAD_TTL_MS) return had.graph.then(() => {}, () => {});
  const graph = request(target);
  ahead.set(target, { graph, at: performance.now() });
  return graph.then(layOutAhead, () => {}); // the taker sees the error
}

/** Starts the layout the view will ask for first (the graph with its default collapse); errors reach the view's own ask. */
function layOutAhead(g: ModelGraph): void {
  performance.mark('graph:layout-sent');
  layoutInWorker(boxGraph(g, defaultCollapsed(g)).input).catch(() => {});
}

/** The graph of `target`: the request sent ahead for it if any (taken once), else a new one. */
export function takeGraph(target: string): Promise<ModelGraph> {
  const had = ahead.get(target);
  ahead.delete(target);
  return had && performance.now() - had.at < AHEAD_TTL_MS ? had.graph : request(target);
}
