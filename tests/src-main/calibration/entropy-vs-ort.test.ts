// EdgeLab's entropy threshold against onnxruntime's own (HistogramCollector.get_entropy_threshold, onnxruntime
// 1.30, num_quantized_bins 256 = 128 levels per side as EdgeLab's signed int8) on the SAME histograms: 2048 bins
// over [-R, R] of five distributions. Reference values: tests/fixtures/calibration/ort-entropy-thresholds.json,
// written by scripts/reference/ort-entropy-thresholds.py (run outside the project; not a dependency).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entropyThreshold } from '../../../src-main/calibration/entropy';

interface Case { name: string; range: number; counts: number[]; threshold: [number, number] }
const ref = JSON.parse(readFileSync(join(__dirname, '../../fixtures/calibration/ort-entropy-thresholds.json'), 'utf8')) as { bins: number; cases: Case[] };

/** |x| histogram of a symmetric one, as StreamingHistogram.absolute() folds it. */
function absolute(counts: number[]): Float64Array {
  const half = counts.length / 2;
  const a = new Float64Array(half);
  for (let k = 0; k < half; k++) a[k] = counts[half + k] + counts[half - 1 - k];
  return a;
}

/** SNR (dB) of the histogram's values (bin centres) quantized to int8 over [lo, hi] (asymmetric: scale
 *  (hi − lo)/255, zero point rounded; values outside clip), i.e. what the calibrated range costs the tensor. */
function quantSnrDb(counts: number[], range: number, lo: number, hi: number): number {
  const w = (2 * range) / counts.length;
  const lo0 = Math.min(lo, 0);
  const hi0 = Math.max(hi, 0);
  const scale = (hi0 - lo0) / 255;
  const zp = Math.round(-128 - lo0 / scale);
  let signal = 0;
  let noise = 0;
  counts.forEach((n, k) => {
    if (n === 0) return;
    const x = -range + (k + 0.5) * w;
    const q = Math.min(127, Math.max(-128, Math.round(x / scale) + zp));
    const e = x - (q - zp) * scale;
    signal += n * x * x;
    noise += n * e * e;
  });
  return 10 * Math.log10(signal / noise);
}

/** EdgeLab's search is TensorRT's (Q spread over P's non-empty bins only, no smoothing); onnxruntime spreads Q over
 *  every bin of a group and smooths, which clips a heavy tail less: on Student-t(3) EdgeLab clips at ±19.7 where
 *  onnxruntime keeps ±24.8 and loses 1.9 dB (measured; the other four histograms: EdgeLab equal or better). Porting
 *  onnxruntime's Q onto the |x| histogram was tried and clipped the outlier cluster of 'gaussian-with-outliers'
 *  (5.5 dB vs 30.2 dB), so the TensorRT form stays. The bound below is that measured gap, rounded up. */
const MAX_LOSS_DB = 2;
const results: number[] = [];

describe('entropy calibration vs onnxruntime on the same histograms', () => {
  for (const c of ref.cases) {
    it(`${c.name}: the range EdgeLab calibrates costs the tensor at most ${MAX_LOSS_DB} dB more than onnxruntime's (int8 SNR)`, () => {
      const t = entropyThreshold(absolute(c.counts), c.range, 128);
      // The Entropy calibrator's range: [max(min, −T), min(max, T)] (calibrators.ts); the data's extent from the bins.
      const first = c.counts.findIndex((n) => n > 0);
      const last = c.counts.length - 1 - [...c.counts].reverse().findIndex((n) => n > 0);
      const w = (2 * c.range) / ref.bins;
      const min = -c.range + first * w;
      const max = -c.range + (last + 1) * w;
      const ours = quantSnrDb(c.counts, c.range, Math.max(min, -t), Math.min(max, t));
      const ort = quantSnrDb(c.counts, c.range, c.threshold[0], c.threshold[1]);
      const minmax = quantSnrDb(c.counts, c.range, min, max);
      console.log(`${c.name}: threshold EdgeLab ±${t.toFixed(3)}, onnxruntime [${c.threshold[0].toFixed(3)}, ${c.threshold[1].toFixed(3)}]; int8 SNR EdgeLab ${ours.toFixed(2)} dB, onnxruntime ${ort.toFixed(2)} dB, minmax ${minmax.toFixed(2)} dB`);
      expect(ours).toBeGreaterThanOrEqual(ort - MAX_LOSS_DB);
      results.push(ours - ort);
    });
  }
  it('is at least as good as onnxruntime on most of the histograms', () => {
    expect(results).toHaveLength(ref.cases.length);
    expect(results.filter((d) => d >= -0.5).length).toBeGreaterThanOrEqual(ref.cases.length - 1);
  });
});
