// The Graph view's graph requests, startable before the view's chunk has loaded: the view registry's `preload`
// (views/registry.tsx) calls prefetchGraph as soon as the route enters the Graph view, which sends modelGraph; the
// view then takes that same request (takeGraph) instead of sending another. Every graph is asked with its layout
// (modelGraph { layout: true }: the engine lays out the boxes the view first draws, src-main/engine/graph-layout.ts),
// which is handed to the layout client (seedLayout) the moment it arrives: the view asking for those boxes draws at
// once, and the page's layout worker runs only for what the engine did not lay out (a collapse changed, an engine
// whose boxes differ).
// Marks `graph:request` / `graph:reply` on the page's performance timeline (bench:graph reads them).
import type { ModelGraph } from '../../src-shared/types/graph';
import { getApi } from '../api/host';
import { boxGraph, defaultCollapsed } from '../../src-shared/graph/boxes';
import { layoutInWorker, seedLayout } from './layout-client';

/** How long a request sent ahead stays takeable (a view that never mounted must not get a stale graph later), ms. */
const AHEAD_TTL_MS = 30_000;
/** Requests sent ahead and not yet taken, by model/variant id. */
const ahead = new Map<string, { graph: Promise<ModelGraph>; at: number }>();

function request(target: string): Promise<ModelGraph> {
  performance.mark('graph:request');
  return fetchGraph(target).then((g) => {
    performance.mark('graph:reply');
    return g;
  });
}

/**
 * modelGraph of `target` with its layout, which goes to the layout client (seedLayout); a reply without one that fits
 * (an engine that builds other boxes) has its boxes sent to the layout worker right away instead.
 */
export async function fetchGraph(target: string): Promise<ModelGraph> {
  const g = await getApi().modelGraph({ model: target, layout: true });
  const input = boxGraph(g, defaultCollapsed(g)).input;
  if (!seedLayout(input, g.layout)) {
    performance.mark('graph:layout-sent');
    layoutInWorker(input).catch(() => {}); // errors reach the view's own ask
  }
  return g;
}

/**
 * Sends modelGraph for `target` now (once until taken). Settles (never rejects) once the reply is in and its layout
 * handed over, or the request failed.
 */
export function prefetchGraph(target: string | undefined): Promise<void> {
  if (!target) return Promise.resolve();
  const had = ahead.get(target);
  if (had && performance.now() - had.at < AHEAD_TTL_MS) return had.graph.then(() => {}, () => {});
  const graph = request(target);
  ahead.set(target, { graph, at: performance.now() });
  return graph.then(() => {}, () => {}); // the taker sees the error
}

/** The graph of `target`: the request sent ahead for it if any (taken once), else a new one. */
export function takeGraph(target: string): Promise<ModelGraph> {
  const had = ahead.get(target);
  ahead.delete(target);
  return had && performance.now() - had.at < AHEAD_TTL_MS ? had.graph : request(target);
}
