// The report of mixed precision (`settings.mixedPrecision` of an int8 ONNX variant made with --target-snr or
// --target-recall, mixed-precision.ts): part of the convert JSON, a public contract (keys are only added).
export interface MixedStep {
  /** Nodes kept in float in the candidate measured at this step. */
  keptFloat: number;
  /** Worst-output SNR of the candidate, dB. */
  snrDb: number;
  /** Median latency of one inference of the candidate, ms (1 thread, interleaved with float32). */
  latencyMs: number;
  /** latencyMs ÷ float32's median in the same interleaved runs. */
  latencyRatio: number;
  /** --target-recall: fraction of float32's detections the candidate finds (recall@0.5 over the validation frames). */
  recall50?: number;
  /** Whether the search kept this candidate (accepted steps have non-decreasing snrDb, latencyRatio ≤ the limit; with
   * --target-recall only the delivered prefix is accepted). */
  accepted: boolean;
  /** Why the search refused it (mixed-search.ts, mixed-prefix.ts). */
  reason?: string;
  /** File size of the candidate, bytes. */
  sizeBytes?: number;
}

/**
 * The variant's `settings.mixedPrecision` (part of the convert JSON, a public contract; read back by the CLI's
 * convert output): the target, whether it was reached, every measured step, what was kept in float and the cost.
 */
export interface MixedPrecisionReport {
  /** The target of --target-snr (absent with --target-recall). */
  targetSnrDb?: number;
  /** The target of --target-recall, 0..1: the fraction of float32's detections to find (absent with --target-snr). */
  targetRecall?: number;
  reached: boolean;
  /** Why the target was not reached (absent when reached). */
  notReachedReason?: string;
  /** Worst-output SNR of the delivered model, dB. */
  snrDb: number;
  fullInt8SnrDb: number;
  /** Detectors: recall@0.5 against float32 over the search's frames, of the delivered model and of full int8. */
  recall50?: number;
  fullInt8Recall50?: number;
  /** How the search went, in words. */
  search: string;
  keptFloatNodes: string[];
  /** Nodes the search chose from (ranked by local SNR loss; with --target-recall, in graph order). */
  rankedNodes: number;
  steps: MixedStep[];
  rejectedNodes: string[];
  evaluations: number;
  sizeBytes: { float32: number; int8: number; mixed: number };
  sizeCostRatio: number;
  /** Median ms of one inference, 1 thread, interleaved runs. */
  latencyMs: { float32: number; int8: number; mixed: number };
  latencyCostRatio: number;
  latencyRatioToFloat32: number;
  maxLatencyRatio: number;
  latencyThreads: number;
  evalFrames: number;
}
