// MediaPipe BlazeFace (front, 128×128) raw SSD outputs → face boxes.
// Anchors (MediaPipe SsdAnchorsCalculator, fixed_anchor_size): layers with equal stride share one grid,
// 2 anchors per layer per cell. strides [8,16,16,16] → 16×16 cells × 2 = 512, then 8×8 × 6 = 384 (896 total).
// Anchor centre ((x + offset)/fw, (y + offset)/fh), size 1. Raw box row (16 values): cx, cy, w, h in input
// pixels relative to the anchor, then 6 keypoints. cx = raw0/inputSize + ax, w = raw2/inputSize.
// Score = sigmoid(clip(logit, ±scoreClip)). Score/box outputs pair up in order with the anchor groups.
import { z } from 'zod';
import { EdgeLabError } from '../../../src-shared/protocol';
import { outputRows, parseParams } from './params';
import type { DecoderFactory, RawDetection } from './types';

const schema = z.object({
  scores: z.array(z.string().min(1)).min(1),
  boxes: z.array(z.string().min(1)).min(1),
  inputSize: z.number().positive().default(128),
  strides: z.array(z.number().int().positive()).default([8, 16, 16, 16]),
  anchorOffset: z.number().default(0.5),
  scoreClip: z.number().positive().default(100),
}).strict();

/** Anchor centres [ax0, ay0, ax1, ay1, …] in normalised input coords, in output row order. */
export function blazefaceAnchors(inputSize: number, strides: number[], offset: number): Float32Array {
  const out: number[] = [];
  for (let l = 0; l < strides.length; ) {
    let same = 0;
    while (l + same < strides.length && strides[l + same] === strides[l]) same++;
    const grid = Math.ceil(inputSize / strides[l]);
    for (let y = 0; y < grid; y++)
      for (let x = 0; x < grid; x++)
        for (let a = 0; a < 2 * same; a++) out.push((x + offset) / grid, (y + offset) / grid);
    l += same;
  }
  return Float32Array.from(out);
}

export const blazeface: DecoderFactory = (params) => {
  const p = parseParams('blazeface', schema, params);
  if (p.scores.length !== p.boxes.length) throw new EdgeLabError('BAD_INPUT', 'decoder blazeface: params.scores and params.boxes differ in length');
  const anchors = blazefaceAnchors(p.inputSize, p.strides, p.anchorOffset);
  const S = p.inputSize;
  return {
    kind: 'blazeface',
    outputs: [...p.scores, ...p.boxes],
    decode(outputs, ctx) {
      const out: RawDetection[] = [];
      let a = 0;
      for (let g = 0; g < p.scores.length; g++) {
        const [n, logits] = outputRows('blazeface', outputs, p.scores[g], 1);
        const [nb, raw] = outputRows('blazeface', outputs, p.boxes[g], outputs[p.boxes[g]]?.shape.at(-1) ?? 16);
        const stride = raw.length / nb;
        if (n !== nb) throw new EdgeLabError('BAD_INPUT', `decoder blazeface: ${p.scores[g]} has ${n} rows but ${p.boxes[g]} has ${nb}`);
        for (let i = 0; i < n; i++, a++) {
          if (2 * a + 1 >= anchors.length) throw new EdgeLabError('BAD_INPUT', `decoder blazeface: more rows than the ${anchors.length / 2} anchors`);
          const l = Math.max(-p.scoreClip, Math.min(p.scoreClip, logits[i]));
          const score = 1 / (1 + Math.exp(-l));
          if (score < ctx.scoreThreshold) continue;
          const r = i * stride;
          const cx = raw[r] / S + anchors[2 * a];
          const cy = raw[r + 1] / S + anchors[2 * a + 1];
          const w = raw[r + 2] / S;
          const h = raw[r + 3] / S;
          out.push({ box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], score, classId: 0 });
        }
      }
      return out;
    },
  };
};
