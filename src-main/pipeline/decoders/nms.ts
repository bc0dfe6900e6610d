// Class-aware greedy non-maximum suppression (the standard Fast R-CNN loop; O(n·kept), n ≤ a few thousand).
// Hand-written: tf.image.nonMaxSuppression would tie the ONNX path to tfjs and is not class-aware.
import type { Box } from '../../../src-shared/formats/run';
import { iou } from '../../../src-shared/geometry/box';

export interface Scored {
  box: Box;
  score: number;
  classId: number;
}

/** Keeps the best-scoring boxes, dropping a box that overlaps a kept box of the same class by IoU > iouThreshold. */
export function nms<T extends Scored>(dets: readonly T[], iouThreshold: number, maxDetections: number): T[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const d of sorted) {
    if (kept.length >= maxDetections) break;
    if (kept.some((k) => k.classId === d.classId && iou(k.box, d.box) > iouThreshold)) continue;
    kept.push(d);
  }
  return kept;
}
