// @vitest-environment happy-dom
// The Graph route's request sent ahead (graph-fetch.ts) on a real engine through the app's bridge: prefetching then
// taking sends modelGraph once (the view reuses the early request); a second prefetch before the take sends nothing
// more; taking again sends a new request. Calls are counted on the bridge's outgoing messages. The graph is laid out
// as soon as it arrives: the view asking for the same boxes gets that layout (started before it asked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeLabBridge } from '../../../src-shared/bridge';
import { boxGraph, defaultCollapsed } from '../../../src-renderer/graph/boxes';
import { prefetchGraph, takeGraph } from '../../../src-renderer/graph/graph-fetch';
import { layoutGraph, type LayoutInput } from '../../../src-renderer/graph/layout';
import { layoutInWorker } from '../../../src-renderer/graph/layout-client';
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
      setTimeout(() => this.onmessage?.({ data: { id: m.id, ok: true, result: layoutGraph(m.input) } }), 0);
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

  it('lays the graph out when it arrives: the view asking for the same boxes takes that layout', async () => {
    const id = 'ssd-mobilenet-v2-coco-onnx';
    const before = performance.getEntriesByName('graph:layout-sent', 'mark').length;
    prefetchGraph(id);
    const g = await takeGraph(id);
    expect(performance.getEntriesByName('graph:layout-sent', 'mark').length).toBe(before + 1);
    // The view builds its own boxes (a new but equal input) with the default collapse, as GraphView does.
    const input = boxGraph(g, defaultCollapsed(g)).input;
    const first = layoutInWorker(input);
    expect(layoutInWorker(boxGraph(g, defaultCollapsed(g)).input)).toBe(first);
    const layout = await first;
    expect(Object.keys(layout.boxes)).toHaveLength(input.boxes.length);
    expect(posted.filter((n) => n === input.boxes.length)).toHaveLength(1); // laid out once, ahead
    // Other boxes (a node left out) are a new layout.
    const other = { boxes: input.boxes.slice(1), edges: input.edges.filter((e) => e.from !== input.boxes[0]!.id && e.to !== input.boxes[0]!.id) };
    await layoutInWorker(other);
    expect(posted.filter((n) => n === other.boxes.length)).toHaveLength(1);
  });
});

