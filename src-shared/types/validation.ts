// Validation of a variant against its float32 source: the numbers convert and the lab report.

/** Float32 model vs variant on the same frames, per output and overall (worst output). */
export interface ValidationMetrics {
  /** 10·log10(Σx² / Σ(x−y)²), dB; Infinity is reported as 999 (identical). */
  snrDb: number;
  /** Cosine similarity of the flattened outputs, in [-1, 1]. */
  cosine: number;
  maxAbsError: number;
  frames: number;
  perOutput?: { name: string; snrDb: number; cosine: number; maxAbsError: number }[];
}
