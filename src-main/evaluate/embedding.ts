// Embedding family: does the variant pipeline still produce the same identity vectors? Each variant crop is
// paired with the baseline crop of the same object (baseline track ↔ variant track by correspondence, nearest
// frame); cosine per pair, and top-k neighbour overlap when both crops search the baseline gallery.
import { cosine } from '../../src-shared/metrics/tensor';
import type { EmbeddingItem } from '../../src-shared/formats/run';
import type { EmbeddingScores } from '../../src-shared/types/degradation';

export const TOPK = 5;

export interface EmbeddedRun {
  items: readonly EmbeddingItem[];
  /** vectors[row]. */
  vectors: readonly Float32Array[];
}

/** p-th percentile (0..100) with linear interpolation between order statistics (numpy's default). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (p / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Rows of the k gallery vectors most cosine-similar to q (ties: lower row). */
export function topK(q: Float32Array, gallery: readonly Float32Array[], k: number): number[] {
  const scored = gallery.map((g, row) => ({ row, s: cosine(q, g) }));
  scored.sort((a, b) => b.s - a.s || a.row - b.row);
  return scored.slice(0, k).map((x) => x.row);
}

/**
 * `trackMap`: variant track id → baseline track id it shows. Pairs every variant item whose track is mapped with
 * the baseline item of that track nearest in frame index. Null scores when either run has no embeddings.
 */
export function embeddingScores(baseline: EmbeddedRun, variant: EmbeddedRun, trackMap: ReadonlyMap<number, number>, k = TOPK): EmbeddingScores {
  const byTrack = new Map<number, EmbeddingItem[]>();
  for (const it of baseline.items) byTrack.set(it.trackId, [...(byTrack.get(it.trackId) ?? []), it]);
  const cos: number[] = [];
  const overlaps: number[] = [];
  const kk = Math.min(k, baseline.vectors.length);
  for (const it of variant.items) {
    const bt = trackMap.get(it.trackId);
    const cands = bt === undefined ? undefined : byTrack.get(bt);
    if (!cands?.length) continue;
    let b = cands[0];
    for (const c of cands) if (Math.abs(c.frame - it.frame) < Math.abs(b.frame - it.frame)) b = c;
    const vv = variant.vectors[it.row];
    const bv = baseline.vectors[b.row];
    if (vv.length !== bv.length) continue; // different embedders: nothing comparable
    cos.push(cosine(bv, vv));
    if (kk > 0) {
      const a = new Set(topK(bv, baseline.vectors, kk));
      overlaps.push(topK(vv, baseline.vectors, kk).filter((r) => a.has(r)).length / kk);
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  return { cosineMean: mean(cos), cosineP5: cos.length ? percentile(cos, 5) : null, topkOverlap: mean(overlaps), k: kk, pairs: cos.length };
}
