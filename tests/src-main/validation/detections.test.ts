// Detection agreement of a variant with float32 (validation/detections.ts), on yolo-v8 outputs [1, 4+C, N] written by
// hand: matching by IoU ≥ 0.5 and class, recall / precision / score error, and the warnings in words (recall under
// 0.5, scores collapsed) suggesting the --exclude of the producer.
import { describe, expect, it } from 'vitest';
import type { ModelMeta } from '../../../src-shared/types/model';
import { detectionAgreement, detectionWarnings, type Outputs } from '../../../src-main/validation/detections';

const META: ModelMeta = {
  task: 'detector',
  input: { width: 100, height: 100, layout: 'NCHW', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' },
  decoder: { kind: 'yolo-v8', params: {} },
};

/** One frame: anchors (cx, cy, w, h px, class 0|1, score) → output0 [1, 6, N]. */
function frame(rows: [number, number, number, number, number, number][]): Outputs {
  const n = rows.length;
  const data = new Float32Array(6 * n);
  rows.forEach(([cx, cy, w, h, cls, score], i) => {
    [cx, cy, w, h].forEach((v, k) => (data[k * n + i] = v));
    data[(4 + cls) * n + i] = score;
  });
  return { output0: { data, shape: [1, 6, n], dtype: 'float32' } };
}

const REF = [
  frame([[20, 20, 10, 10, 0, 0.9], [60, 60, 20, 20, 1, 0.6], [80, 20, 10, 10, 0, 0.4]]),
  frame([[50, 50, 30, 30, 1, 0.75], [10, 80, 8, 8, 0, 0.35]]),
];

describe('detectionAgreement / detectionWarnings', () => {
  it('identical outputs: every box matched, no score error, no warning', () => {
    const d = detectionAgreement(META, REF, REF);
    expect(d).toMatchObject({ referenceBoxes: 5, variantBoxes: 5, recall50: 1, precision50: 1, scoreMeanAbsError: 0, scoreThreshold: 0.3 });
    expect(d.variantScoreSpread).toBeCloseTo(d.referenceScoreSpread, 9);
    expect(detectionWarnings(d, ['head'])).toEqual([]);
  });

  it('boxes moved by a width or of another class do not match: recall under 0.5 is a warning naming the scores and --exclude', () => {
    const moved = [
      frame([[30, 20, 10, 10, 0, 0.9], [60, 60, 20, 20, 0, 0.6], [80, 20, 10, 10, 0, 0.4]]),
      frame([[50, 80, 30, 30, 1, 0.75], [10, 80, 8, 8, 0, 0.2]]),
    ];
    const d = detectionAgreement(META, REF, moved);
    expect(d.referenceBoxes).toBe(5);
    expect(d.variantBoxes).toBe(4);
    expect(d.recall50).toBeCloseTo(1 / 5, 9); // only [80, 20] of class 0 still matches
    expect(d.precision50).toBeCloseTo(1 / 4, 9);
    expect(d.scoreMeanAbsError).toBeCloseTo((0.9 + 0.6 + 0 + 0.75 + 0.35) / 5, 6);
    const w = detectionWarnings(d, ['head/MatMul']);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^detections disagree with float32: recall@0.5 0.200 \(1 of 5 boxes found\).*scores may have collapsed; keep the output's producer in float with --exclude head\/MatMul$/);
  });

  it('the same boxes with one constant score: scores collapsed (spread under 10 % of float32)', () => {
    const flat = REF.map((f) => {
      const t = f.output0!;
      const n = t.shape[2]!;
      const data = Float32Array.from(t.data as Float32Array);
      for (let i = 0; i < n; i++) for (const c of [4, 5]) if (data[c * n + i]! > 0) data[c * n + i] = 1.18;
      return { output0: { ...t, data } };
    });
    const d = detectionAgreement(META, REF, flat);
    expect(d.recall50).toBe(1);
    expect(d.variantScoreSpread).toBe(0);
    const w = detectionWarnings(d, []);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^scores collapsed: the variant's detection scores spread 0.000 against 0\.\d{3} for float32 \(0.0 %, 5 boxes vs 5\); keep the output's producer in float with --exclude <the node writing the output>$/);
  });

  it('producers the variant already computes in float32 are not offered to --exclude: the advice points upstream, once', () => {
    const none = REF.map((f) => {
      const t = f.output0!;
      return { output0: { ...t, data: new Float32Array(t.data.length) } };
    });
    const d = detectionAgreement(META, REF, none);
    expect(d.recall50).toBe(0);
    expect(d.variantScoreSpread).toBe(0);
    const w = detectionWarnings(d, [], ['post/Concat']);
    expect(w).toHaveLength(2); // scores collapsed, and recall under 0.5
    expect(w.join('\n')).not.toContain('--exclude');
    expect(w[0]).toMatch(/; the nodes writing the outputs \(post\/Concat\) already compute in float32, so the error arises before them: edgelab layers shows where the SNR drops, and --target-snr <dB> keeps the most sensitive nodes in float$/);
    expect(w[1]).toMatch(/^detections disagree with float32: recall@0.5 0.000 \(0 of 5 boxes found\), precision 1.000, score mean abs error [\d.]+$/);
    // a quantized producer beside a float one: only the quantized one is offered
    expect(detectionWarnings(d, ['head/MatMul'], ['post/Concat'])[0]).toMatch(/keep the output's producer in float with --exclude head\/MatMul$/);
  });
});
