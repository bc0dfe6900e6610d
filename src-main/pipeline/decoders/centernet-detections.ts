// CenterNet (TF OD API export, as converted in @vladmandic/human): one output [1, 100, 6] with rows
// x1, y1, x2, y2, score, class — already top-k'd by the graph, no NMS inside.
// VERIFIED on cup.mp4 (frames 0/40/80/120/160, 640×480 stretched to 512×512, tfjs wasm, 2026-11-25):
//  - coordinates are INPUT PIXELS, not normalised: e.g. frame 0 top row 253.7 135.2 510.6 391.8, x2 up to
//    515.8 on frame 80 — values far above 1 and bounded by the 512 input size. Default coords: 'pixels'.
//  - class is 0-BASED COCO-80: the top row of frame 0 (score 0.46, the arm/hand region on the right) has
//    class 0 = 'person' in COCO80; 1-based would make class 0 an invalid id. Default classIdOffset: 0.
import { z } from 'zod';
import type { Box } from '../../../src-shared/formats/run';
import { outputRows, parseParams } from './params';
import type { DecoderFactory, RawDetection } from './types';

const schema = z.object({
  detections: z.string().min(1),
  coords: z.enum(['pixels', 'normalised']).default('pixels'),
  /** Input size the pixel coordinates refer to; default 512 (the bundled model's input). */
  inputWidth: z.number().positive().default(512),
  inputHeight: z.number().positive().default(512),
  classIdOffset: z.number().int().default(0),
}).strict();

export const centernetDetections: DecoderFactory = (params) => {
  const p = parseParams('centernet-detections', schema, params);
  const sx = p.coords === 'pixels' ? 1 / p.inputWidth : 1;
  const sy = p.coords === 'pixels' ? 1 / p.inputHeight : 1;
  return {
    kind: 'centernet-detections',
    outputs: [p.detections],
    decode(outputs, ctx) {
      const [n, d] = outputRows('centernet-detections', outputs, p.detections, 6);
      const out: RawDetection[] = [];
      for (let i = 0; i < n; i++) {
        const r = i * 6;
        const score = d[r + 4];
        if (!(score >= ctx.scoreThreshold)) continue;
        const box: Box = [d[r] * sx, d[r + 1] * sy, d[r + 2] * sx, d[r + 3] * sy];
        out.push({ box, score, classId: Math.round(d[r + 5]) + p.classIdOffset });
      }
      return out;
    },
  };
};
