// @vitest-environment happy-dom
// The Graph route's request sent ahead (graph-fetch.ts) on a real engine through the app's bridge: prefetching then
// taking sends modelGraph once (the view reuses the early request); a second prefetch before the take sends nothing
// more; taking again sends a new request. Calls are counted on the bridge's outgoing messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeLabBridge } from '../../../src-shared/bridge';
import { prefetchGraph, takeGraph } from '../../../src-renderer/graph/graph-fetch';
import { bridgeOver } from '../engine-bridge';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
const sent: string[] = [];
beforeAll(async () => {
  t = await realEngine();
  const bridge = bridgeOver(t.engine);
  (globalThis as unknown as { edgelab: EdgeLabBridge }).edgelab = {
    ...bridge,
    send(m) {
      if (m.type === 'call') sent.push(m.method);
      bridge.send(m);
    },
  };
}, 300_000);
afterAll(() => t?.cleanup());

describe('prefetchGraph / takeGraph', () => {
  it('the view takes the request the route sent ahead: one modelGraph call, marked on the timeline', async () => {
    const id = 'blazeface-front';
    prefetchGraph(id);
    prefetchGraph(id);
    const g = await takeGraph(id);
    expect(g.nodes.length).toBeGreaterThan(50);
    expect(sent.filter((m) => m === 'modelGraph')).toHaveLength(1);
    expect(performance.getEntriesByName('graph:request', 'mark').length).toBeGreaterThan(0);
    expect(performance.getEntriesByName('graph:reply', 'mark').length).toBeGreaterThan(0);
    const again = await takeGraph(id);
    expect(again.nodes.length).toBe(g.nodes.length);
    expect(sent.filter((m) => m === 'modelGraph')).toHaveLength(2);
  });
});
