// LatencyStats of a list of per-run times (ms): mean, median and p90 (the pipeline's interpolated
// percentiles, so replay and latency figures agree), population std, min, max, count.
import type { LatencyStats } from '../../src-shared/types/latency';
import { mean, percentile } from '../pipeline/stats';
import { maxOf, minOf } from '../../src-shared/extent';

export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  const m = mean(samplesMs);
  const std = Math.sqrt(mean(samplesMs.map((x) => (x - m) ** 2)));
  return {
    mean: m,
    median: percentile(samplesMs, 0.5),
    p90: percentile(samplesMs, 0.9),
    std,
    min: minOf(samplesMs),
    max: maxOf(samplesMs),
    count: samplesMs.length,
  };
}
