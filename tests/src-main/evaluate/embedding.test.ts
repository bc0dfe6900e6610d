import { describe, it, expect } from 'vitest';
import { embeddingScores, percentile, topK } from '../../../src-main/evaluate/embedding';
import type { EmbeddingItem } from '../../../src-shared/formats/run';

const item = (row: number, trackId: number, frame: number): EmbeddingItem => ({
  row,
  trackId,
  frame,
  ptsMs: frame * 40,
  box: [0, 0, 1, 1],
  reason: 'confirmed',
  cropWidth: 10,
  cropHeight: 10,
  bytes: { float32: 8, float16: 4, int8: 6, jpeg: 100 },
});
const v = (...x: number[]) => Float32Array.from(x);

describe('embedding metrics', () => {
  it('percentile interpolates linearly (numpy default)', () => {
    expect(percentile([1, 2, 3, 4, 5], 5)).toBeCloseTo(1.2, 12);
    expect(percentile([3], 5)).toBe(3);
  });

  it('topK ranks the gallery by cosine', () => {
    expect(topK(v(1, 0), [v(0, 1), v(1, 0.1), v(-1, 0)], 2)).toEqual([1, 0]);
  });

  it('pairs variant crops with the mapped baseline track at the nearest frame (hand-computed cosines)', () => {
    // Baseline: track 1 → (1,0) at frames 0 and 10 → (0.6,0.8); track 2 → (0,1). Variant track 9 shows baseline 1.
    const baseline = { items: [item(0, 1, 0), item(1, 1, 10), item(2, 2, 0)], vectors: [v(1, 0), v(0.6, 0.8), v(0, 1)] };
    const variant = { items: [item(0, 9, 1), item(1, 9, 9), item(2, 4, 0)], vectors: [v(1, 0), v(0, 1), v(1, 1)] };
    const r = embeddingScores(baseline, variant, new Map([[9, 1]]), 1);
    // Pairs: frame 1 ↔ frame 0 vector (1,0): cos 1; frame 9 ↔ frame 10 vector (0.6,0.8) vs (0,1): cos 0.8.
    expect(r.pairs).toBe(2);
    expect(r.cosineMean).toBeCloseTo(0.9, 6);
    expect(r.cosineP5).toBeCloseTo(0.81, 6);
    // Top-1 of (1,0) is row 0 for both; (0.6,0.8)'s top-1 is itself (row 1), (0,1)'s is row 2 → overlap (1+0)/2.
    expect(r.topkOverlap).toBeCloseTo(0.5, 12);
  });

  it('null scores without embeddings', () => {
    const r = embeddingScores({ items: [], vectors: [] }, { items: [], vectors: [] }, new Map());
    expect([r.cosineMean, r.cosineP5, r.topkOverlap, r.pairs]).toEqual([null, null, null, 0]);
  });
});
