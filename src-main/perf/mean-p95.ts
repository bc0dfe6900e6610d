// Mean and 95th percentile (nearest rank) of a sample of timings, ms: the browser benches' frame and seek figures.
export function meanP95(xs: number[]): { mean: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), p95: s[Math.min(s.length - 1, Math.floor(0.95 * s.length))] ?? 0 };
}
