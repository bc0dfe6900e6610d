// Validation of a variant against its float32 source: the numbers convert and the lab report.

/** Float32 model vs variant on the same frames, per output and overall (worst output). */
export interface ValidationMetrics {
  /** 10·log10(Σx² / Σ(x−y)²), dB; Infinity is reported as 999 (identical). */
  snrDb: number;
  /** Cosine similarity of the flattened outputs, in [-1, 1]. */
  cosine: number;
  maxAbsError: number;
  frames: number;
  /**
   * Per output; `framesRowsDiffer`: frames where the variant gave another number of values (an output with a
   * data-dependent row count, e.g. NMS inside the graph) — those frames are compared on the rows both have.
   */
  perOutput?: { name: string; snrDb: number; cosine: number; maxAbsError: number; framesRowsDiffer?: number }[];
  /**
   * Detectors whose one output mixes boxes and scores (yolo-v8, yolo-v5, packed detections): the same metrics per
   * slice of it, e.g. `output0[boxes]`, `output0[scores]` (pixel boxes can hide collapsed scores in one SNR).
   */
  perSlice?: { name: string; snrDb: number; cosine: number; maxAbsError: number }[];
  /** Detectors: the variant's decoded detections against the float32 model's (validation/detections.ts). */
  detection?: DetectionValidation;
}

/**
 * Decoded detections of the variant vs the float32 model on the validation frames: both decoded by the model's
 * decoder (score ≥ scoreThreshold, class-aware NMS as replay does); the float32 boxes are the reference; a
 * variant box matches a reference box of the same class with IoU ≥ 0.5 (greedy, best score first).
 */
export interface DetectionValidation {
  /** Reference (float32) boxes over all frames, and the variant's. */
  referenceBoxes: number;
  variantBoxes: number;
  /** Matched / reference boxes (1 when there are none), matched / variant boxes (1 when there are none). */
  recall50: number;
  precision50: number;
  /** Mean over reference boxes of |score − its matched variant box's score| (an unmatched box counts its whole score). */
  scoreMeanAbsError: number;
  /** Standard deviation of the detection scores, float32 and variant (0 with fewer than 2 boxes). */
  referenceScoreSpread: number;
  variantScoreSpread: number;
  /** Score threshold used (replay's default). */
  scoreThreshold: number;
}
