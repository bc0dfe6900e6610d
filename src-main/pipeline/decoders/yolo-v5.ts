// YOLOv5 / YOLOv7 detect head (ONNX export, no NMS): one output [1, N, 5+C] (batch dim optional). Per anchor:
// cx, cy, w, h in model-input pixels (or normalised with coordinates "normalized"), objectness, then C class
// scores, all already in 0..1. Score = objectness × best class score, class = its column + classIdOffset.
// NMS runs later in the detect node. `params: {}` is valid (the only output; sizes from the input spec).
import type { Box } from '../../../src-shared/formats/run';
import { outputTensor, parseParams, pixelSize, shapeError } from './params';
import type { DecoderFactory, RawDetection } from './types';
import { yoloParamsSchema } from './yolo-v8';

/** The YOLO-family parameters (without `classes`, rows N must outnumber the 5+C columns). */
const schema = yoloParamsSchema;

export const yoloV5: DecoderFactory = (params, setup) => {
  const p = parseParams('yolo-v5', schema, params);
  const [W, H] = p.coordinates === 'pixels' ? pixelSize('yolo-v5', p, setup) : [1, 1];
  return {
    kind: 'yolo-v5',
    outputs: p.output ? [p.output] : [],
    classCount(outputs) {
      const [name, t] = outputTensor('yolo-v5', outputs, p.output);
      return { n: t.shape[t.shape.length - 1] - 5 + p.classIdOffset, output: `${name} [${t.shape.join(', ')}]` };
    },
    decode(outputs, ctx) {
      const [name, t] = outputTensor('yolo-v5', outputs, p.output);
      const s = t.shape;
      const ok = (s.length === 3 && s[0] === 1) || s.length === 2;
      const perRow = s[s.length - 1];
      const n = perRow > 0 ? t.data.length / perRow : 0;
      // Anchors outnumber columns in every YOLO export: [1, 85, 25200] is a channels-first head, not 25195 classes.
      const fits = p.classes ? perRow === 5 + p.classes : perRow > 5 && n >= perRow;
      if (!ok || !fits) throw shapeError('yolo-v5', name, s, p.classes ? `[1, N, ${5 + p.classes}]` : '[1, N, 5+C] with C ≥ 1 and N ≥ 5+C');
      const d = t.data;
      const out: RawDetection[] = [];
      for (let i = 0; i < n; i++) {
        const r = i * perRow;
        const obj = d[r + 4];
        if (!(obj >= ctx.scoreThreshold)) continue; // obj × cls ≤ obj
        let best = -1;
        let cls = -Infinity;
        for (let c = 5; c < perRow; c++) {
          if (d[r + c] > cls) {
            cls = d[r + c];
            best = c - 5;
          }
        }
        const score = obj * cls;
        if (!(score >= ctx.scoreThreshold)) continue;
        const cx = d[r] / W, cy = d[r + 1] / H, w = d[r + 2] / W, h = d[r + 3] / H;
        const box: Box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
        out.push({ box, score, classId: best + p.classIdOffset });
      }
      return out;
    },
  };
};
