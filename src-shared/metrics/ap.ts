// COCO-style average precision (pure), as pycocotools' COCOeval defines it: per class, detections of every
// frame sorted by score, greedy matching per IoU threshold (each detection takes the unmatched ground-truth
// box of highest IoU ≥ threshold), precision made monotone, sampled at COCO's 101 recall points; classes without
// ground truth are left out of the mean. Boxes are normalised x1,y1,x2,y2. No crowd/area ranges (EdgeLab
// runs carry none); maxDets per frame = 100 as COCO's default.
import type { Box } from '../formats/run';
import { iou } from '../geometry/box';

export interface ApBox {
  box: Box;
  score: number;
  /** Class key (label name, so models with different id spaces agree). */
  cls: string;
}

/** One frame: ground truth (or pseudo ground truth) and the detections scored against it. */
export interface ApFrame {
  gt: readonly ApBox[];
  det: readonly ApBox[];
}

/**
 * The doubles numpy's `linspace(start, stop, num)` returns (num ≥ 2, endpoint=True): step = (stop − start)/(num − 1),
 * value i = i·step + start, the last one exactly `stop`. Not i/(num − 1): e.g. linspace(0, 1, 101)[35] is
 * 0.35000000000000003 where 35/100 is 0.35 (checked against numpy 2.4 value by value).
 */
export function numpyLinspace(start: number, stop: number, num: number): number[] {
  const div = num - 1;
  const step = (stop - start) / div;
  return Array.from({ length: num }, (_, i) => (i === div ? stop : i * step + start));
}

/** COCO's ten IoU thresholds, pycocotools' `iouThrs = np.linspace(.5, 0.95, 10)` (0.85, 0.8999999999999999…). */
export const COCO_IOUS: readonly number[] = numpyLinspace(0.5, 0.95, 10);
/** COCO's 101 recall points, pycocotools' `recThrs = np.linspace(.0, 1.00, 101)` (0.35000000000000003…). */
export const COCO_RECALLS: readonly number[] = numpyLinspace(0, 1, 101);
export const COCO_MAX_DETS = 100;

/** AP of one class at one IoU threshold over all frames; null when the class has no ground truth. */
export function classAp(frames: readonly ApFrame[], cls: string, iouThr: number): number | null {
  const scored: { score: number; tp: boolean }[] = [];
  let nGt = 0;
  const t = Math.min(iouThr, 1 - 1e-10);
  for (const f of frames) {
    const gt = f.gt.filter((g) => g.cls === cls);
    // Stable sort by score, descending, then COCO's per-image cap.
    const det = f.det.filter((d) => d.cls === cls).map((d, i) => ({ d, i }));
    det.sort((a, b) => b.d.score - a.d.score || a.i - b.i);
    const kept = det.slice(0, COCO_MAX_DETS);
    nGt += gt.length;
    const used = new Uint8Array(gt.length);
    for (const { d } of kept) {
      let best = t;
      let m = -1;
      for (let g = 0; g < gt.length; g++) {
        if (used[g]) continue;
        const o = iou(d.box, gt[g].box);
        if (o < best) continue;
        best = o;
        m = g;
      }
      if (m >= 0) used[m] = 1;
      scored.push({ score: d.score, tp: m >= 0 });
    }
  }
  if (nGt === 0) return null;
  // Concatenation order across frames, then a stable descending sort (numpy mergesort on -score).
  const order = scored.map((s, i) => ({ s, i }));
  order.sort((a, b) => b.s.score - a.s.score || a.i - b.i);
  const n = order.length;
  const rc = new Float64Array(n);
  const pr = new Float64Array(n);
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    if (order[k].s.tp) tp++;
    else fp++;
    rc[k] = tp / nGt;
    // pycocotools adds np.spacing(1) to the denominator; tp + fp ≥ 1 here, so exact division (a perfect run reads 1).
    pr[k] = tp / (tp + fp);
  }
  for (let k = n - 1; k > 0; k--) if (pr[k] > pr[k - 1]) pr[k - 1] = pr[k];
  let sum = 0;
  for (const thr of COCO_RECALLS) {
    // First index with rc >= thr (searchsorted side='left'); rc is non-decreasing.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rc[mid] < thr) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n) sum += pr[lo];
  }
  return sum / COCO_RECALLS.length;
}

export interface ApResult {
  /** mAP at IoU 0.5, in [0,1]. */
  map50: number;
  /** mAP averaged over IoU .50:.05:.95, in [0,1]. */
  map: number;
  /** Per class (classes with ground truth only): AP@0.5 and AP@[.5:.95]. */
  perClass: { cls: string; ap50: number; ap: number }[];
}

/**
 * mAP over the classes that have ground truth. With no ground truth anywhere: 1 when there are no
 * detections either (nothing to disagree about), else 0.
 */
export function meanAp(frames: readonly ApFrame[]): ApResult {
  const classes = [...new Set(frames.flatMap((f) => f.gt.map((g) => g.cls)))].sort();
  if (classes.length === 0) {
    const none = frames.every((f) => f.det.length === 0) ? 1 : 0;
    return { map50: none, map: none, perClass: [] };
  }
  const perClass = classes.map((cls) => {
    const aps = COCO_IOUS.map((t) => classAp(frames, cls, t) ?? 0);
    return { cls, ap50: aps[0], ap: aps.reduce((a, b) => a + b, 0) / aps.length };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { map50: mean(perClass.map((c) => c.ap50)), map: mean(perClass.map((c) => c.ap)), perClass };
}
