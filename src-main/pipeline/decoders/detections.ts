// Already-decoded detections (NMS inside the graph, TFLite_Detection_PostProcess, TF Object Detection API,
// torchvision, Ultralytics end2end exports). Two forms:
//  - split: `boxes` [1, N, 4] | [N, 4] | [1, N, 1, 4], `scores` [1, N] | [N] (or N×C: best column wins, its
//    column is the class unless `classes` is given), optional `classes` [1, N] | [N] (float or int), optional
//    `count` (num_detections: only the first `count` rows are real);
//  - packed: one `output` [1, K, M] | [K, M] whose M columns are named by `columns`, e.g.
//    ["x1","y1","x2","y2","score","class"]; a "batch" column keeps the rows of batch 0; "_" ignores a column.
// N may change from frame to frame. Boxes: `boxOrder` yxyx | xyxy (split form), `coordinates` normalized (0..1)
// or pixels (model-input pixels: params.inputWidth/inputHeight or the input spec). Class = value + classIdOffset.
// Rows below the score threshold are dropped; the detect node's NMS still runs (a no-op on NMS'd rows).
import { z } from 'zod';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { Box } from '../../../src-shared/formats/run';
import type { HostTensor } from '../../runtimes/types';
import { outputTensor, parseParams, pixelSize, shapeError } from './params';
import type { DecoderFactory, RawDetection } from './types';

const COLUMN = z.enum(['x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'w', 'h', 'score', 'class', 'batch', '_']);
type Column = z.infer<typeof COLUMN>;

const schema = z
  .object({
    boxes: z.string().min(1).optional(),
    scores: z.string().min(1).optional(),
    classes: z.string().min(1).optional(),
    count: z.string().min(1).optional(),
    boxOrder: z.enum(['yxyx', 'xyxy']).default('xyxy'),
    output: z.string().min(1).optional(),
    columns: z.array(COLUMN).min(5).optional(),
    coordinates: z.enum(['normalized', 'pixels']).default('normalized'),
    inputWidth: z.number().positive().optional(),
    inputHeight: z.number().positive().optional(),
    classIdOffset: z.number().int().default(0),
  })
  .strict();

/** Column sets a packed row must name: a box (corners or centre+size) and a score. */
function checkColumns(cols: readonly Column[]): void {
  const has = (c: Column) => cols.includes(c);
  for (const c of cols) if (c !== '_' && cols.indexOf(c) !== cols.lastIndexOf(c)) throw new EdgeLabError('BAD_INPUT', `decoder detections: params.columns names "${c}" twice`);
  const corners = has('x1') && has('y1') && has('x2') && has('y2');
  const centre = has('cx') && has('cy') && has('w') && has('h');
  if (!corners && !centre) throw new EdgeLabError('BAD_INPUT', 'decoder detections: params.columns needs x1, y1, x2, y2 or cx, cy, w, h');
  if (!has('score')) throw new EdgeLabError('BAD_INPUT', 'decoder detections: params.columns needs "score"');
}

/** Rows of a [1, N, k] | [N, k] (| [1, N, 1, k]) tensor with k values a row, else BAD_INPUT naming it. */
function rowsOf(name: string, t: HostTensor, k: number, expected: string): number {
  const s = t.shape;
  const lead = s.slice(0, -1).filter((d) => d !== 1).length;
  if (s.length < 2 || s.length > 4 || s[s.length - 1] !== k || lead > 1) throw shapeError('detections', name, s, expected);
  return t.data.length / k;
}

/** One value a row: [1, N] | [N] | [1, N, 1]. */
function perRowOf(name: string, t: HostTensor, expected: string): number {
  if (t.shape.filter((d) => d !== 1).length > 1) throw shapeError('detections', name, t.shape, expected);
  return t.data.length;
}

export const detections: DecoderFactory = (params, setup) => {
  const p = parseParams('detections', schema, params);
  const split = p.boxes !== undefined || p.scores !== undefined;
  const packed = p.output !== undefined || p.columns !== undefined;
  if (split === packed) throw new EdgeLabError('BAD_INPUT', 'decoder detections: give either params.boxes + params.scores (split) or params.output + params.columns (packed)');
  if (split && (!p.boxes || !p.scores)) throw new EdgeLabError('BAD_INPUT', `decoder detections: split form needs params.${p.boxes ? 'scores' : 'boxes'}`);
  if (packed && (!p.output || !p.columns)) throw new EdgeLabError('BAD_INPUT', `decoder detections: packed form needs params.${p.output ? 'columns' : 'output'}`);
  if (packed && (p.classes || p.count)) throw new EdgeLabError('BAD_INPUT', 'decoder detections: params.classes and params.count belong to the split form');
  if (p.columns) checkColumns(p.columns);
  const [W, H] = p.coordinates === 'pixels' ? pixelSize('detections', p, setup) : [1, 1];
  const norm = (b: Box): Box => [b[0] / W, b[1] / H, b[2] / W, b[3] / H];

  if (packed) {
    const cols = p.columns!;
    const ix = (c: Column) => cols.indexOf(c);
    const [x1, y1, x2, y2, cx, cy, w, h, sc, cl, ba] = (['x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'w', 'h', 'score', 'class', 'batch'] as const).map(ix);
    const corners = x1 >= 0;
    return {
      kind: 'detections',
      outputs: [p.output!],
      decode(outputs, ctx) {
        const [name, t] = outputTensor('detections', outputs, p.output);
        const k = cols.length;
        const n = rowsOf(name, t, k, `[1, N, ${k}] or [N, ${k}] (one column per params.columns entry)`);
        const d = t.data;
        const out: RawDetection[] = [];
        for (let i = 0; i < n; i++) {
          const r = i * k;
          if (ba >= 0 && d[r + ba] !== 0) continue;
          const score = d[r + sc];
          if (!(score >= ctx.scoreThreshold)) continue;
          const box: Box = corners
            ? [d[r + x1], d[r + y1], d[r + x2], d[r + y2]]
            : [d[r + cx] - d[r + w] / 2, d[r + cy] - d[r + h] / 2, d[r + cx] + d[r + w] / 2, d[r + cy] + d[r + h] / 2];
          out.push({ box: norm(box), score, classId: (cl >= 0 ? Math.round(d[r + cl]) : 0) + p.classIdOffset });
        }
        return out;
      },
    };
  }

  const names = [p.boxes!, p.scores!, ...(p.classes ? [p.classes] : []), ...(p.count ? [p.count] : [])];
  return {
    kind: 'detections',
    outputs: names,
    classCount(outputs) {
      // N×C scores without a classes output: the class is the column.
      const b = outputs[p.boxes!];
      const s = outputs[p.scores!];
      const n = b ? b.data.length / 4 : 0;
      const c = n > 0 && s ? s.data.length / n : 1;
      return !p.classes && c > 1 ? { n: c + p.classIdOffset, output: `${p.scores} [${s!.shape.join(', ')}]` } : undefined;
    },
    decode(outputs, ctx) {
      const [bn, bt] = outputTensor('detections', outputs, p.boxes);
      const [sn, st] = outputTensor('detections', outputs, p.scores);
      let n = rowsOf(bn, bt, 4, '[1, N, 4] or [N, 4]');
      // Scores: one a row, or C a row (best column wins).
      const c = n > 0 && st.data.length % n === 0 ? st.data.length / n : n === 0 ? 1 : -1;
      if (c < 1 || (c > 1 && st.shape[st.shape.length - 1] !== c)) throw shapeError('detections', sn, st.shape, `[1, ${n}] or [${n}] (or [1, ${n}, C]): one score per row of ${bn} [${bt.shape.join(', ')}]`);
      let cls: HostTensor['data'] | undefined;
      if (p.classes) {
        const [cn, ct] = outputTensor('detections', outputs, p.classes);
        if (perRowOf(cn, ct, `[1, ${n}] or [${n}]`) !== n) throw shapeError('detections', cn, ct.shape, `[1, ${n}] or [${n}]: one class per row of ${bn} [${bt.shape.join(', ')}]`);
        cls = ct.data;
      }
      if (p.count) {
        const [kn, kt] = outputTensor('detections', outputs, p.count);
        if (kt.data.length !== 1) throw shapeError('detections', kn, kt.shape, '[1] or [] (the number of detections)');
        n = Math.max(0, Math.min(n, Math.round(kt.data[0])));
      }
      const b = bt.data;
      const s = st.data;
      const out: RawDetection[] = [];
      for (let i = 0; i < n; i++) {
        let score = s[i * c];
        let best = 0;
        for (let j = 1; j < c; j++) {
          if (s[i * c + j] > score) {
            score = s[i * c + j];
            best = j;
          }
        }
        if (!(score >= ctx.scoreThreshold)) continue;
        const r = i * 4;
        const box: Box = p.boxOrder === 'yxyx' ? [b[r + 1], b[r], b[r + 3], b[r + 2]] : [b[r], b[r + 1], b[r + 2], b[r + 3]];
        out.push({ box: norm(box), score, classId: (cls ? Math.round(cls[i]) : best) + p.classIdOffset });
      }
      return out;
    },
  };
};
