// KL-divergence threshold search (TensorRT's "entropy calibration", also ORT's 'Entropy' method), on a
// histogram of |x| with `n` bins over [0, range]. For each candidate i (levels ≤ i ≤ n, stride `step`):
//   P = counts[0..i), with everything beyond i added to the last bin (clipping);
//   Q = counts[0..i) merged into `levels` groups, each group's mass spread evenly over its non-empty bins;
//   KL(P‖Q) over normalized P, Q. The threshold is the upper edge of bin i with the smallest KL.
// Hand-written: the search is EdgeLab's calibration logic itself (no JS library implements it).

/** Threshold |x| (same unit as `range`). Falls back to `range` when the histogram has fewer bins than `levels`. */
export function entropyThreshold(abs: Float64Array, range: number, levels: number): number {
  const n = abs.length;
  const width = range / n;
  if (n <= levels) return range;
  let last = n;
  while (last > 0 && abs[last - 1] === 0) last--;
  if (last <= levels) return last * width || range;
  const step = Math.max(1, Math.floor(n / 512));
  let best = Infinity;
  let bestI = last;
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  for (let i = levels; i <= last; i += step) {
    let outliers = 0;
    for (let k = i; k < n; k++) outliers += abs[k];
    for (let k = 0; k < i; k++) p[k] = abs[k];
    p[i - 1] += outliers;
    // Q: merge [0, i) into `levels` groups (group g spans bins [g·i/levels, (g+1)·i/levels)).
    for (let g = 0; g < levels; g++) {
      const a = Math.floor((g * i) / levels);
      const b = g === levels - 1 ? i : Math.floor(((g + 1) * i) / levels);
      let mass = 0;
      let nonEmpty = 0;
      for (let k = a; k < b; k++) {
        mass += abs[k];
        if (abs[k] > 0) nonEmpty++;
      }
      // Non-empty as P sees them (the last bin also holds the clipped outliers), as onnxruntime and TensorRT do.
      if (b === i && abs[i - 1] === 0 && p[i - 1] > 0) nonEmpty++;
      const each = nonEmpty ? mass / nonEmpty : 0;
      for (let k = a; k < b; k++) q[k] = abs[k] > 0 || (k === i - 1 && p[k] > 0) ? each : 0;
    }
    const kl = klDivergence(p, q, i);
    if (kl < best) {
      best = kl;
      bestI = i;
    }
  }
  return Math.min(range, (bestI + 0.5) * width);
}

/** KL(P‖Q) of the first `len` entries after normalizing each to sum 1; a P mass where Q is 0 costs a large finite penalty. */
function klDivergence(p: Float64Array, q: Float64Array, len: number): number {
  let sp = 0;
  let sq = 0;
  for (let k = 0; k < len; k++) {
    sp += p[k];
    sq += q[k];
  }
  if (sp === 0 || sq === 0) return Infinity;
  let kl = 0;
  for (let k = 0; k < len; k++) {
    if (p[k] === 0) continue;
    const pk = p[k] / sp;
    const qk = q[k] / sq;
    kl += qk > 0 ? pk * Math.log(pk / qk) : pk * 50; // 50 ≈ log of a vanishing Q: heavy but finite
  }
  return kl;
}
