// Device-speed simulation: on a slower device a detector result computed from the frame at time t reaches the
// screen at t + latencyMs. Each displayed frame shows the boxes of the newest source frame that has been delivered
// by then. This is a display delay over the recorded run (the tracker is not re-run at the device's cadence).

/**
 * For each frame i (ptsMs non-decreasing), the index j of the newest frame with ptsMs[j] + latencyMs ≤ ptsMs[i],
 * or null when none has been delivered yet. latencyMs ≤ 0 maps every frame to itself. O(n) two-pointer walk.
 */
export function deliveredSource(ptsMs: readonly number[], latencyMs: number): (number | null)[] {
  if (!(latencyMs > 0)) return ptsMs.map((_, i) => i);
  const out: (number | null)[] = [];
  let j = -1;
  for (let i = 0; i < ptsMs.length; i++) {
    while (j + 1 <= i && ptsMs[j + 1]! + latencyMs <= ptsMs[i]!) j++;
    out.push(j >= 0 ? j : null);
  }
  return out;
}
