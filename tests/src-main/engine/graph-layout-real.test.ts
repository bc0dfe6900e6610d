// The Graph view's layout of the bundled models as the view lays them out first (the engine's modelGraph, the
// default collapse, boxes.ts): edges spanning more than LONG_EDGE_RANKS ranks (CenterNet's skip connections from
// the backbone to the head, the residual adds) are routed beside the boxes through no box, in lanes of their own,
// and every box sits at the height the dagre layout of every edge gives it.
import { describe, expect, it } from 'vitest';
import { boxGraph, defaultCollapsed } from '../../../src-renderer/graph/boxes';
import { layoutGraph } from '../../../src-renderer/graph/layout';
import { inputRanks, LONG_EDGE_RANKS } from '../../../src-renderer/graph/long-edges';
import { expectLongRoutes } from '../../src-renderer/graph/layout-checks';
import { useTempEngine } from './helpers';

const engine = useTempEngine();

describe('Graph layout of the bundled models: long edges', () => {
  for (const [model, longestAtLeast] of [
    ['centernet-mobilenet-v3-coco-onnx', 150],
    ['ssd-mobilenet-v2-coco-onnx', LONG_EDGE_RANKS + 1],
    ['centernet-mobilenet-v3-coco', 150],
  ] as const) {
    it(`${model}: long edges routed beside the boxes, boxes at the heights of the all-dagre layout`, async () => {
      const g = await engine().engine.modelGraph({ model });
      const { input } = boxGraph(g, defaultCollapsed(g));
      const l = layoutGraph(input);
      const long = expectLongRoutes(input, l, LONG_EDGE_RANKS);
      const ranks = inputRanks(input)!;
      const spans = long.map((i) => ranks.get(input.edges[i]!.to)! - ranks.get(input.edges[i]!.from)!);
      expect(Math.max(...spans)).toBeGreaterThanOrEqual(longestAtLeast);
      const all = layoutGraph(input, Infinity);
      for (const b of input.boxes) expect(l.boxes[b.id]!.y, b.id).toBe(all.boxes[b.id]!.y);
    }, 60_000);
  }
});
