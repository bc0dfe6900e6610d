// TF.js COCO-SSD style outputs where the graph already applied sigmoid and box decoding:
// scores [1, N, C] (column j = class j + classIdOffset), boxes [1, N, 1, 4] normalised, order boxOrder.
// Per anchor the best class wins (argmax over columns); NMS runs later in the detect node.
import { z } from 'zod';
import type { Box } from '../../../src-shared/formats/run';
import { outputRows, parseParams } from './params';
import type { DecoderFactory, RawDetection } from './types';

const schema = z.object({
  scores: z.string().min(1),
  boxes: z.string().min(1),
  boxOrder: z.enum(['yxyx', 'xyxy']).default('yxyx'),
  classIdOffset: z.number().int().default(0),
}).strict();

export const ssdPostprocessed: DecoderFactory = (params) => {
  const p = parseParams('ssd-postprocessed', schema, params);
  return {
    kind: 'ssd-postprocessed',
    outputs: [p.scores, p.boxes],
    classCount(outputs) {
      const s = outputs[p.scores];
      return s && { n: (s.shape[s.shape.length - 1] ?? 0) + p.classIdOffset, output: `${p.scores} [${s.shape.join(', ')}]` };
    },
    decode(outputs, ctx) {
      const s = outputs[p.scores];
      const classes = s?.shape[s.shape.length - 1] ?? 0;
      const [n, scores] = outputRows('ssd-postprocessed', outputs, p.scores, classes);
      const [nb, boxes] = outputRows('ssd-postprocessed', outputs, p.boxes, 4);
      const out: RawDetection[] = [];
      for (let i = 0; i < Math.min(n, nb); i++) {
        let best = -1;
        let bestScore = -Infinity;
        for (let j = 0; j < classes; j++) {
          const v = scores[i * classes + j];
          if (v > bestScore) {
            bestScore = v;
            best = j;
          }
        }
        if (bestScore < ctx.scoreThreshold) continue;
        const b = boxes.subarray(i * 4, i * 4 + 4);
        const box: Box = p.boxOrder === 'yxyx' ? [b[1], b[0], b[3], b[2]] : [b[0], b[1], b[2], b[3]];
        out.push({ box, score: bestScore, classId: best + p.classIdOffset });
      }
      return out;
    },
  };
};
