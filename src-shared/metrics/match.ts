// Detection agreement maths (pure): one frame's boxes of a variant matched against a baseline's
// (the baseline is pseudo ground truth), and the totals over many frames. Reused by the report builder
// and the renderer. Boxes are normalised x1,y1,x2,y2 (formats/run.ts `Box`).
import type { Box } from '../formats/run';
import { iou } from '../geometry/box';
import { minOf } from '../extent';

/** The part of a detection the matcher reads. */
export interface MatchBox {
  box: Box;
  score: number;
  classId: number;
  /** Class name; when both boxes carry one, classes compare by name (so coco80 and coco90 models agree on "cup"). */
  label?: string;
}

/** Same class: by label when both have one, else by class id. */
export function sameClass(a: MatchBox, b: MatchBox): boolean {
  return a.label !== undefined && b.label !== undefined ? a.label === b.label : a.classId === b.classId;
}

/** One matched pair: indices into the baseline and variant arrays, their IoU in [0,1]. */
export interface MatchPair {
  baseline: number;
  variant: number;
  iou: number;
}

export interface FrameMatch {
  pairs: MatchPair[];
  /** Baseline indices left unmatched (false negatives), ascending. */
  missed: number[];
  /** Variant indices left unmatched (false positives), ascending. */
  extra: number[];
}

/**
 * Greedy one-to-one matching within each class: every same-class pair with IoU >= threshold is a
 * candidate; candidates are taken highest IoU first (ties: lower baseline index, then lower variant
 * index), skipping boxes already used. Deterministic for the same inputs.
 */
export function matchFrame(baseline: readonly MatchBox[], variant: readonly MatchBox[], iouThreshold: number): FrameMatch {
  const cands: MatchPair[] = [];
  for (let b = 0; b < baseline.length; b++) {
    for (let v = 0; v < variant.length; v++) {
      if (!sameClass(baseline[b], variant[v])) continue;
      const o = iou(baseline[b].box, variant[v].box);
      if (o >= iouThreshold && o > 0) cands.push({ baseline: b, variant: v, iou: o });
    }
  }
  cands.sort((p, q) => q.iou - p.iou || p.baseline - q.baseline || p.variant - q.variant);
  const usedB = new Set<number>();
  const usedV = new Set<number>();
  const pairs: MatchPair[] = [];
  for (const c of cands) {
    if (usedB.has(c.baseline) || usedV.has(c.variant)) continue;
    usedB.add(c.baseline);
    usedV.add(c.variant);
    pairs.push(c);
  }
  pairs.sort((p, q) => p.baseline - q.baseline);
  const missed = baseline.map((_, i) => i).filter((i) => !usedB.has(i));
  const extra = variant.map((_, i) => i).filter((i) => !usedV.has(i));
  return { pairs, missed, extra };
}

/** Running totals over frames. tp = matched pairs, fp = extra variant boxes, fn = missed baseline boxes. */
export interface MatchTotals {
  frames: number;
  tp: number;
  fp: number;
  fn: number;
  /** Sum of IoU over matched pairs. */
  iouSum: number;
  /** Sum of |baseline score − variant score| over matched pairs. */
  scoreDeltaSum: number;
}

export function emptyTotals(): MatchTotals {
  return { frames: 0, tp: 0, fp: 0, fn: 0, iouSum: 0, scoreDeltaSum: 0 };
}

/** Adds one frame's match to the totals (returns a new object). */
export function addFrame(t: MatchTotals, m: FrameMatch, baseline: readonly MatchBox[], variant: readonly MatchBox[]): MatchTotals {
  let iouSum = t.iouSum;
  let scoreDeltaSum = t.scoreDeltaSum;
  for (const p of m.pairs) {
    iouSum += p.iou;
    scoreDeltaSum += Math.abs(baseline[p.baseline].score - variant[p.variant].score);
  }
  return {
    frames: t.frames + 1,
    tp: t.tp + m.pairs.length,
    fp: t.fp + m.extra.length,
    fn: t.fn + m.missed.length,
    iouSum,
    scoreDeltaSum,
  };
}

export interface MatchMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Mean IoU of matched pairs (1 when neither run has any box: nothing disagrees). */
  meanIoU: number;
  /** Mean |score delta| of matched pairs (0 when there are none). */
  meanScoreDelta: number;
}

/**
 * Precision tp/(tp+fp), recall tp/(tp+fn), F1 their harmonic mean. Empty denominators: when the
 * other side has no error either (both runs saw nothing) the value is 1, otherwise 0. All values finite.
 */
export function metrics(t: MatchTotals): MatchMetrics {
  const nothing = t.tp + t.fp + t.fn === 0;
  const precision = t.tp + t.fp > 0 ? t.tp / (t.tp + t.fp) : t.fn === 0 ? 1 : 0;
  const recall = t.tp + t.fn > 0 ? t.tp / (t.tp + t.fn) : t.fp === 0 ? 1 : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    precision,
    recall,
    f1,
    meanIoU: t.tp > 0 ? t.iouSum / t.tp : nothing ? 1 : 0,
    meanScoreDelta: t.tp > 0 ? t.scoreDeltaSum / t.tp : 0,
  };
}

/**
 * How much one frame disagrees, for picking key frames: one point per missed or extra box plus
 * (1 − lowest matched IoU). 0 means identical boxes.
 */
export function frameDisagreement(m: FrameMatch): number {
  const lowest = m.pairs.length ? minOf(m.pairs.map((p) => p.iou)) : 1;
  return m.missed.length + m.extra.length + (1 - lowest);
}
