// Raw SSD outputs: box encodings against anchors (no decoding in the graph). `boxes` [1, N, 4] | [N, 4] |
// [1, N, 1, 4] encodings, `scores` [1, N, C] | [N, C] logits (or probabilities with scoreActivation "none").
// `anchors`: N rows [ycenter, xcenter, height, width] normalised 0..1 (inline; a sidecar's JSON file name is read
// into rows when the metadata loads, models/anchors-file.ts) or a preset name (anchor-grid.ts: "tfod-ssd-300").
// coding "yxhw" (TF OD API faster_rcnn_box_coder: ty, tx, th, tw) or "xywh" (torchvision: dx, dy, dw, dh);
// scales [10, 10, 5, 5] in the coding's order: centre = t/scale·anchor size + anchor centre, size = exp(t/scale)·anchor size.
// Scores: sigmoid per column, softmax over the row, or none; the background column (index, or null) never wins;
// class = column + classIdOffset (TF OD API: background 0, columns 1..90 = COCO-90 ids).
import { z } from 'zod';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { Box } from '../../../src-shared/formats/run';
import { ANCHOR_PRESETS, tfodSsdAnchors } from './anchor-grid';
import { outputTensor, parseParams, shapeError } from './params';
import type { DecoderFactory, RawDetection } from './types';

const schema = z
  .object({
    boxes: z.string().min(1),
    scores: z.string().min(1),
    anchors: z.union([z.string().min(1), z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])).min(1)]),
    coding: z.enum(['yxhw', 'xywh']).default('yxhw'),
    scales: z.tuple([z.number().positive(), z.number().positive(), z.number().positive(), z.number().positive()]).default([10, 10, 5, 5]),
    scoreActivation: z.enum(['sigmoid', 'softmax', 'none']).default('sigmoid'),
    background: z.number().int().min(0).nullable().default(0),
    classIdOffset: z.number().int().default(0),
  })
  .strict();

export const ssdAnchors: DecoderFactory = (params) => {
  const p = parseParams('ssd-anchors', schema, params);
  let anchors: Float32Array;
  if (typeof p.anchors === 'string') {
    const preset = Object.prototype.hasOwnProperty.call(ANCHOR_PRESETS, p.anchors) ? ANCHOR_PRESETS[p.anchors] : undefined;
    if (!preset) throw new EdgeLabError('BAD_INPUT', `decoder ssd-anchors: params.anchors "${p.anchors}" is not a preset (${Object.keys(ANCHOR_PRESETS).join(', ')}) nor a file beside the sidecar`);
    anchors = tfodSsdAnchors(preset);
  } else anchors = Float32Array.from(p.anchors.flat());
  const nA = anchors.length / 4;
  const [sy, sx, sh, sw] = p.coding === 'yxhw' ? p.scales : [p.scales[1], p.scales[0], p.scales[3], p.scales[2]];
  // index of ty, tx, th, tw within an encoding row
  const [iy, ix, ih, iw] = p.coding === 'yxhw' ? [0, 1, 2, 3] : [1, 0, 3, 2];
  return {
    kind: 'ssd-anchors',
    outputs: [p.boxes, p.scores],
    classCount(outputs) {
      const s = outputs[p.scores];
      return s && { n: s.shape[s.shape.length - 1] + p.classIdOffset, output: `${p.scores} [${s.shape.join(', ')}]` };
    },
    decode(outputs, ctx) {
      const [bn, bt] = outputTensor('ssd-anchors', outputs, p.boxes);
      const [sn, st] = outputTensor('ssd-anchors', outputs, p.scores);
      if (bt.shape[bt.shape.length - 1] !== 4 || bt.shape.slice(0, -1).filter((d) => d !== 1).length > 1) throw shapeError('ssd-anchors', bn, bt.shape, '[1, N, 4] or [N, 4]');
      const n = bt.data.length / 4;
      if (n !== nA) throw shapeError('ssd-anchors', bn, bt.shape, `${nA} rows, one per anchor (params.anchors has ${nA})`);
      const c = st.shape[st.shape.length - 1];
      if (!(c >= 1) || st.data.length !== n * c) throw shapeError('ssd-anchors', sn, st.shape, `[1, ${n}, C]: one row of class scores per anchor`);
      if (p.background !== null && p.background >= c) throw new EdgeLabError('BAD_INPUT', `decoder ssd-anchors: params.background ${p.background} is beyond the ${c} score columns of ${sn}`);
      const b = bt.data;
      const s = st.data;
      const out: RawDetection[] = [];
      for (let i = 0; i < n; i++) {
        const r = i * c;
        // softmax: p_j = exp(s_j − m) / Σ exp(s_k − m), m = the row's max (no overflow)
        let m = 0;
        let sum = 1;
        if (p.scoreActivation === 'softmax') {
          m = -Infinity;
          for (let j = 0; j < c; j++) m = Math.max(m, s[r + j]);
          sum = 0;
          for (let j = 0; j < c; j++) sum += Math.exp(s[r + j] - m);
        }
        let best = -1;
        let raw = -Infinity;
        for (let j = 0; j < c; j++) {
          if (j === p.background) continue;
          if (s[r + j] > raw) {
            raw = s[r + j];
            best = j;
          }
        }
        if (best < 0) continue;
        const score = p.scoreActivation === 'sigmoid' ? 1 / (1 + Math.exp(-raw)) : p.scoreActivation === 'softmax' ? Math.exp(raw - m) / sum : raw;
        if (!(score >= ctx.scoreThreshold)) continue;
        const e = i * 4;
        const a = i * 4;
        const [ya, xa, ha, wa] = [anchors[a], anchors[a + 1], anchors[a + 2], anchors[a + 3]];
        const yc = (b[e + iy] / sy) * ha + ya;
        const xc = (b[e + ix] / sx) * wa + xa;
        const h = Math.exp(b[e + ih] / sh) * ha;
        const w = Math.exp(b[e + iw] / sw) * wa;
        const box: Box = [xc - w / 2, yc - h / 2, xc + w / 2, yc + h / 2];
        out.push({ box, score, classId: best + p.classIdOffset });
      }
      return out;
    },
  };
};
