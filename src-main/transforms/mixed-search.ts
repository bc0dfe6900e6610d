// The search of mixed precision (mixed-precision.ts): which quantized nodes to keep in float so the model's
// output reaches a target SNR. Pure over an `evaluate(kept)` callback, so its invariants are testable without
// a runtime.
//
// Greedy over the ranked list (most sensitive first) in chunks of doubling size (1, 1, 2, 4, 8, …), each
// candidate measured, never assumed:
//   - a chunk whose candidate raises the output SNR by ≥ MIN_GAIN_DB is accepted (kept set grows);
//   - a chunk that makes the output worse by more than the noise is split in halves and each half tried again
//     (a harmful node can hide among helpful ones), down to single nodes, which are rejected;
//   - a chunk that changes nothing (within ±MIN_GAIN_DB) is dropped whole: keeping it would cost size for no gain.
// Invariants: the SNR of accepted steps never decreases (keeping a node in float never makes the result
// worse — measured, since onnxruntime's fused int8 kernels around a float node can lose more than the
// node's own quantization did); the search stops at the first accepted set that meets the target; at most
// `maxEvals` candidates are measured.

/** Smallest SNR change, dB, that counts as a change (validation SNR is a mean over frames, noise-free, but
 * float summation order differs between fused graphs). */
export const MIN_GAIN_DB = 0.05;

export interface SearchStep {
  /** Size of the candidate kept set measured at this step. */
  keptFloat: number;
  snrDb: number;
  accepted: boolean;
}

export interface SearchResult {
  kept: string[];
  snrDb: number;
  reached: boolean;
  steps: SearchStep[];
  /** Single nodes that made the output worse when kept in float, in the order tried. */
  rejected: string[];
  /** Candidates measured (≤ maxEvals). */
  evaluations: number;
}

export async function searchKeptFloat(
  ranked: string[],
  baseSnrDb: number,
  targetSnrDb: number,
  evaluate: (kept: string[]) => Promise<number>,
  maxEvals = 40,
): Promise<SearchResult> {
  const kept: string[] = [];
  const rejected: string[] = [];
  const steps: SearchStep[] = [];
  let cur = baseSnrDb;
  const queue: string[][] = [];
  for (let i = 0, size = 1, n = 0; i < ranked.length; n++) {
    queue.push(ranked.slice(i, i + size));
    i += size;
    if (n >= 1) size *= 2;
  }
  let evaluations = 0;
  while (queue.length > 0 && cur < targetSnrDb && evaluations < maxEvals) {
    const chunk = queue.shift()!;
    const candidate = [...kept, ...chunk];
    const snr = await evaluate(candidate);
    evaluations++;
    const accepted = snr >= cur + MIN_GAIN_DB;
    steps.push({ keptFloat: candidate.length, snrDb: snr, accepted });
    if (accepted) {
      kept.push(...chunk);
      cur = snr;
    } else if (snr < cur - MIN_GAIN_DB) {
      if (chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        queue.unshift(chunk.slice(0, half), chunk.slice(half));
      } else rejected.push(chunk[0]);
    }
  }
  return { kept, snrDb: cur, reached: cur >= targetSnrDb, steps, rejected, evaluations };
}
