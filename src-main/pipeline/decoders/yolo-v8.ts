// Ultralytics YOLOv8 / v9 / v11 detect head (ONNX export, no NMS): one output [1, 4+C, N] (as exported) or
// [1, N, 4+C] (transposed), told apart by shape; the batch dim may be absent. Per anchor: cx, cy, w, h in
// model-input pixels (or normalised 0..1 with coordinates "normalized"), then C class scores already in 0..1
// (sigmoid inside the graph). Score = best class score, class = its column + classIdOffset. NMS runs later in
// the detect node. `params: {}` is valid: the only output is read, sizes come from the model's input spec.
import { z } from 'zod';
import type { Box } from '../../../src-shared/formats/run';
import { outputTensor, parseParams, pixelSize, shapeError } from './params';
import type { DecoderFactory, RawDetection } from './types';

/** Parameters of the YOLO-family heads (yolo-v8 here, yolo-v5 in yolo-v5.ts): the same keys for both. */
export const yoloParamsSchema = z
  .object({
    /** Output name; default: the model's only output. */
    output: z.string().min(1).optional(),
    /** Number of classes C: tells the layout's dims apart when both could be it (checked against the shape). */
    classes: z.number().int().positive().optional(),
    coordinates: z.enum(['pixels', 'normalized']).default('pixels'),
    /** Pixel size the coordinates refer to; default: the model's input spec. */
    inputWidth: z.number().positive().optional(),
    inputHeight: z.number().positive().optional(),
    classIdOffset: z.number().int().default(0),
  })
  .strict();
const schema = yoloParamsSchema;

/** Rows N, values per row 4+C and whether values of one anchor are strided by N (channels-first). */
export function yoloV8Layout(kind: string, name: string, shape: readonly number[], classes: number | undefined): { n: number; perRow: number; channelsFirst: boolean } {
  const expected = classes ? `[1, ${4 + classes}, N] or [1, N, ${4 + classes}]` : '[1, 4+C, N] or [1, N, 4+C] with C ≥ 1';
  const dims = shape.length === 3 && shape[0] === 1 ? shape.slice(1) : shape.length === 2 ? shape : null;
  if (!dims) throw shapeError(kind, name, shape, expected);
  const [a, b] = dims;
  const fitsFirst = classes ? a === 4 + classes : a > 4;
  const fitsLast = classes ? b === 4 + classes : b > 4;
  // Both fit without `classes`: the smaller is 4+C (YOLO has thousands of anchors and ≤ a few hundred classes).
  if (fitsFirst && (!fitsLast || a <= b)) return { n: b, perRow: a, channelsFirst: true };
  if (fitsLast) return { n: a, perRow: b, channelsFirst: false };
  throw shapeError(kind, name, shape, expected);
}

export const yoloV8: DecoderFactory = (params, setup) => {
  const p = parseParams('yolo-v8', schema, params);
  const [W, H] = p.coordinates === 'pixels' ? pixelSize('yolo-v8', p, setup) : [1, 1];
  return {
    kind: 'yolo-v8',
    outputs: p.output ? [p.output] : [],
    classCount(outputs) {
      const [name, t] = outputTensor('yolo-v8', outputs, p.output);
      return { n: yoloV8Layout('yolo-v8', name, t.shape, p.classes).perRow - 4 + p.classIdOffset, output: `${name} [${t.shape.join(', ')}]` };
    },
    decode(outputs, ctx) {
      const [name, t] = outputTensor('yolo-v8', outputs, p.output);
      const { n, perRow, channelsFirst } = yoloV8Layout('yolo-v8', name, t.shape, p.classes);
      const d = t.data;
      // value k of anchor i
      const at = channelsFirst ? (i: number, k: number) => d[k * n + i] : (i: number, k: number) => d[i * perRow + k];
      const out: RawDetection[] = [];
      for (let i = 0; i < n; i++) {
        let best = -1;
        let score = -Infinity;
        for (let c = 4; c < perRow; c++) {
          const v = at(i, c);
          if (v > score) {
            score = v;
            best = c - 4;
          }
        }
        if (!(score >= ctx.scoreThreshold)) continue;
        const cx = at(i, 0) / W, cy = at(i, 1) / H, w = at(i, 2) / W, h = at(i, 3) / H;
        const box: Box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
        out.push({ box, score, classId: best + p.classIdOffset });
      }
      return out;
    },
  };
};
