// @vitest-environment happy-dom
// The Graph route's request sent ahead (graph-fetch.ts) on a real engine through the app's bridge: prefetching then
// taking sends modelGraph once (the view reuses the early request); a second prefetch before the take sends nothing
// more; taking again sends a new request. Calls are counted on the bridge's outgoing messages. The graph comes laid out
// by the engine (modelGraph { layout: true }): the view asking for the same boxes gets that layout, and only other
// boxes (a collapse changed) go to the page's layout worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeLabBridge } from '../../../src-shared/bridge';
import { boxGraph, defaultCollapsed } from '../../../src-shared/graph/boxes';
import { prefetchGraph, takeGraph } from '../../../src-renderer/graph/graph-fetch';
import { timedLayout, type LayoutInput } from '../../../src-shared/graph/layout';
import { layoutInWorker, seedLayout } from '../../../src-renderer/graph/layout-client';
import { bridgeOver } from '../engine-bridge';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
const sent: string[] = [];
/** Box counts of the layouts posted to the page's layout worker. */
const posted: number[] = [];
beforeAll(async () => {
  // happy-dom has no Worker: a stand-in that runs the real layout (layout.ts) in this thread and counts the posts.
  (globalThis as unknown as { Worker: unknown }).Worker = class {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    postMessage(m: { id: number; input: LayoutInput }) {
      posted.push(m.input.boxes.length);
      setTimeout(() => this.onmessage?.({ data: { id: m.id, ok: true, result: timedLayout(m.input, performance, 'worker') } }), 0);
    }
    terminate() {}
  };
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

  it('draws with the layout the engine sent: the view asking for those boxes takes it, the page lays nothing out', async () => {
    const id = 'ssd-mobilenet-v2-coco-onnx';
    const sentMarks = performance.getEntriesByName('graph:layout-sent', 'mark').length;
    const postedBefore = posted.length;
    prefetchGraph(id);
    const g = await takeGraph(id);
    expect(g.layout?.source).toBe('engine');
    // The view builds its own boxes (a new but equal input) with the default collapse, as GraphView does.
    const input = boxGraph(g, defaultCollapsed(g)).input;
    const first = layoutInWorker(input);
    expect(layoutInWorker(boxGraph(g, defaultCollapsed(g)).input)).toBe(first);
    const layout = await first;
    expect(layout.source).toBe('engine');
    expect(Object.keys(layout.boxes)).toHaveLength(input.boxes.length);
    expect(layout.edges).toHaveLength(input.edges.length);
    expect(posted.length).toBe(postedBefore); // nothing went to the page's worker
    expect(performance.getEntriesByName('graph:layout-sent', 'mark').length).toBe(sentMarks);
    // Other boxes (a node left out: a collapse changed) are laid out by the page's worker.
    const other = { boxes: input.boxes.slice(1), edges: input.edges.filter((e) => e.from !== input.boxes[0]!.id && e.to !== input.boxes[0]!.id) };
    expect((await layoutInWorker(other)).source).toBe('worker');
    expect(posted.filter((n) => n === other.boxes.length)).toHaveLength(1);
  });

  it('a layout that does not fit the boxes is not taken', async () => {
    const g = await takeGraph('blazeface-front');
    const input = boxGraph(g, defaultCollapsed(g)).input;
    const wrong = { ...g.layout!, boxes: Object.fromEntries(Object.entries(g.layout!.boxes).slice(1)) };
    expect(seedLayout(input, wrong)).toBe(false);
    expect(seedLayout(input, undefined)).toBe(false);
    expect(seedLayout(input, g.layout)).toBe(true);
  });
});
