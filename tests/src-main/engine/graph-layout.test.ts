// The layout the engine sends with a graph (modelGraph { layout: true }, engine/graph-layout.ts), on the bundled
// CenterNet ONNX and the TF.js SSD: it places exactly the boxes the Graph view first draws (boxes.ts, default collapse)
// and routes every edge, every edge of the acyclic ONNX graph runs downwards (producer above consumer), it equals a layout computed here from
// those boxes, and asking again returns it from the engine's cache. Without `layout` the graph comes without one.
// The warm-up a long-lived host runs lays out its synthetic graphs and stops once a real graph has been laid out.
import { describe, expect, it } from 'vitest';
import { boxGraph, defaultCollapsed } from '../../../src-shared/graph/boxes';
import { layoutGraph } from '../../../src-shared/graph/layout';
import { warmLayouts, warmInput, WARM_BOXES } from '../../../src-main/engine/graph-layout';
import { useTempEngine } from './helpers';

const engine = useTempEngine();

describe('modelGraph { layout: true }', () => {
  for (const id of ['centernet-mobilenet-v3-coco-onnx', 'ssd-mobilenet-v2-coco']) {
    it(`${id}: the engine lays out the view's first boxes`, async () => {
      const plain = await engine().engine.modelGraph({ model: id });
      expect(plain.layout).toBeUndefined();
      const g = await engine().engine.modelGraph({ model: id, layout: true });
      const l = g.layout!;
      expect(l.source).toBe('engine');
      const { input } = boxGraph(g, defaultCollapsed(g));
      const acyclic = g.format === 'onnx'; // the TF.js SSD has control-flow loops (NextIteration): dagre reverses an edge of each
      expect(Object.keys(l.boxes).sort()).toEqual(input.boxes.map((b) => b.id).sort());
      expect(l.edges).toHaveLength(input.edges.length);
      input.edges.forEach((e, i) => {
        if (acyclic) expect(l.boxes[e.from]!.y).toBeLessThan(l.boxes[e.to]!.y);
        expect(l.edges[i]!.length).toBeGreaterThanOrEqual(2);
      });
      const here = layoutGraph(input);
      expect({ boxes: l.boxes, edges: l.edges, width: l.width, height: l.height }).toEqual(here);
      const again = await engine().engine.modelGraph({ model: id, layout: true });
      expect(again.layout!.cached).toBe(true);
      expect(again.layout!.boxes).toEqual(l.boxes);
    }, 60_000);
  }

  it('warm-up: synthetic detector-sized graphs, one per step, none once a real graph was laid out', async () => {
    const w = warmInput(WARM_BOXES, 0);
    expect(w.boxes).toHaveLength(WARM_BOXES);
    expect(w.edges.length).toBeGreaterThan(WARM_BOXES);
    const times = await warmLayouts(2, 0);
    expect(times).toHaveLength(2);
    for (const t of times) expect(t).toBeGreaterThan(0);
    const stopped = warmLayouts(3, 20);
    await engine().engine.modelGraph({ model: 'blazeface-front', layout: true });
    expect(await stopped).toEqual([]);
  }, 60_000);
});
