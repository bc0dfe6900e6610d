// The search of mixed precision (mixed-precision.ts): which quantized nodes to keep in float so the model's
// output reaches a target SNR without running slower than float32. Pure over an `evaluate(kept)` callback
// (measured output SNR and latency of the candidate) and an `expand(kept)` region closure (mixed-regions.ts),
// so its invariants are testable without a runtime.
//
// Greedy over the ranked list (most sensitive first) in chunks of doubling size (1, 1, 2, 4, 8, …), each
// candidate measured, never assumed. A candidate is the kept set plus the chunk, closed to the contiguous
// region between them (`expand`: few float islands, few Q/DQ boundaries — the trade-off: a region may keep
// nodes in float that the ranking alone would not, costing size, to avoid the boundaries that cost latency and,
// on onnxruntime, accuracy).
//   - a candidate whose output SNR rises by ≥ MIN_GAIN_DB and whose latency is ≤ maxLatencyRatio × float32 is
//     accepted (kept set grows);
//   - one that raises the SNR but is too slow is refused (reason in its step) and its chunk is merged into the
//     next chunk: a larger region has fewer boundaries and is often faster (BlazeFace: its first conv alone in
//     float 1.4× float32, its first 32 quantized nodes 1.0×);
//   - one that makes the output worse by more than the noise is split in halves and each half tried again
//     (a harmful node can hide among helpful ones), down to single nodes, which are rejected;
//   - one that changes nothing (within ±MIN_GAIN_DB) is dropped whole: keeping it would cost size for no gain;
//   - one that meets the target while adding several nodes is bisected first over what it adds (in graph order
//     with regions: its first half, then the rest, recursively): the doubling chunks and their regions overshoot
//     (BlazeFace: the second chunk's region jumps from 2 to 40 nodes), and a smaller region costs less size and
//     latency. So the search is greedy by measured sensitivity while below the target, and a bisection once a
//     candidate crosses it.
// Invariants: the SNR of accepted steps never decreases (keeping a node in float never makes the delivered
// result worse — measured, since onnxruntime's fused int8 kernels around a float node can lose more than the
// node's own quantization did); every accepted step is within the latency limit; the search stops at the
// first accepted set that meets the target; at most `maxEvals` candidates are measured.

/** Smallest SNR change, dB, that counts as a change (validation SNR is a mean over frames, noise-free, but
 * float summation order differs between fused graphs). */
export const MIN_GAIN_DB = 0.05;
/** Default latency limit of an accepted candidate, × float32 measured in the same interleaved runs. */
export const MAX_LATENCY_RATIO = 1.1;

export interface Measured {
  /** Worst-output SNR of the candidate, dB. */
  snrDb: number;
  /** Median latency of one inference, ms. */
  latencyMs: number;
  /** latencyMs ÷ float32's median latency measured alongside (interleaved runs). */
  latencyRatio: number;
}

export interface SearchStep extends Measured {
  /** Size of the candidate kept set measured at this step. */
  keptFloat: number;
  accepted: boolean;
  /** Why a candidate was refused: 'slower than float32 …', 'lowers the SNR', 'no gain', 'meets the target: bisected …'. */
  reason?: string;
}

export interface SearchResult {
  kept: string[];
  snrDb: number;
  reached: boolean;
  steps: SearchStep[];
  /** Single nodes that made the output worse when kept in float, in the order tried (a later region may still
   * contain one: the region between kept nodes is kept whole). */
  rejected: string[];
  /** Candidates measured (≤ maxEvals; a kept set reached again is not measured again). */
  evaluations: number;
  /** The kept set after each accepted step, in order (the last one is `kept`). */
  acceptedSets: string[][];
}

export interface SearchOptions {
  maxEvals?: number;
  /** Latency limit of an accepted candidate, × float32 (default MAX_LATENCY_RATIO). */
  maxLatencyRatio?: number;
  /** Region closure of a candidate kept set (default: none, the set itself). */
  expand?: (kept: readonly string[]) => string[];
}

export async function searchKeptFloat(
  ranked: string[],
  baseSnrDb: number,
  targetSnrDb: number,
  evaluate: (kept: string[]) => Promise<Measured>,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const maxEvals = options.maxEvals ?? 40;
  const limit = options.maxLatencyRatio ?? MAX_LATENCY_RATIO;
  const expand = options.expand ?? ((k: readonly string[]) => [...k]);
  let kept: string[] = [];
  const acceptedSets: string[][] = [];
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
  /** Candidates already bisected (met the target) from the same added set and chunk: met again, they are taken
   * as they are (a chunk merged back after a slow half must not be bisected forever). */
  const bisected = new Set<string>();
  /** Every measured candidate by its order-free key: a region reached again is not measured twice. */
  const measured = new Map<string, Measured>();
  while (queue.length > 0 && cur < targetSnrDb && evaluations < maxEvals) {
    const inKept = new Set(kept);
    const chunk = queue.shift()!.filter((n) => !inKept.has(n));
    if (chunk.length === 0) continue;
    const candidate = expand([...kept, ...chunk]);
    const key = [...candidate].sort().join('\n');
    const prior = measured.get(key);
    const m = prior ?? (await evaluate(candidate));
    if (!prior) {
      evaluations++;
      measured.set(key, m);
    }
    const gain = m.snrDb >= cur + MIN_GAIN_DB;
    const fast = m.latencyRatio <= limit;
    const step: SearchStep = { keptFloat: candidate.length, snrDb: m.snrDb, latencyMs: m.latencyMs, latencyRatio: m.latencyRatio, accepted: gain && fast };
    // A region measured before (chunks merged or bisected into the same closure) is decided again from its
    // measurement, and listed again only if accepted now.
    if (!prior || step.accepted) steps.push(step);
    // The nodes this candidate adds to the kept set, in graph order when `expand` gives it (mixed-regions.ts).
    const added = candidate.filter((n) => !inKept.has(n));
    const bisectKey = `${key}|${added.length}|${chunk.length}`;
    if (gain && m.snrDb >= targetSnrDb && added.length > 1 && evaluations + 2 <= maxEvals && !bisected.has(bisectKey)) {
      bisected.add(bisectKey);
      // Meets the target: bisect what it adds (first half in graph order, then the rest) for a smaller region
      // that also does (fewer float nodes: smaller, usually faster); if none, the halves rebuild this same
      // candidate (measured once: taken from `measured`).
      step.accepted = false;
      step.reason = 'meets the target: bisected for a smaller region';
      const half = Math.ceil(added.length / 2);
      queue.unshift(added.slice(0, half), added.slice(half));
    } else if (step.accepted) {
      kept = candidate;
      acceptedSets.push(candidate);
      cur = m.snrDb;
    } else if (gain) {
      step.reason = `slower than float32 × ${limit} (${m.latencyRatio.toFixed(2)}×): merged into the next region`;
      if (queue.length > 0) queue[0] = [...chunk, ...queue[0]];
    } else if (m.snrDb < cur - MIN_GAIN_DB) {
      step.reason = 'lowers the SNR';
      if (chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        queue.unshift(chunk.slice(0, half), chunk.slice(half));
      } else rejected.push(chunk[0]);
    } else step.reason = 'no gain';
  }
  return { kept, snrDb: cur, reached: cur >= targetSnrDb, steps, rejected, evaluations, acceptedSets };
}
