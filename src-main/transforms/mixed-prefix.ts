// The search of mixed precision by detection agreement (`convert --to int8 --target-recall <r>`, mixed-precision.ts):
// which quantized nodes to keep in float so the int8 model finds at least r of float32's detections on the
// validation frames (recall@0.5, validation/detections.ts) without running slower than maxLatencyRatio × float32.
// Pure over an `evaluate(kept)` callback (measured recall, SNR and latency of the candidate) and an `expand(kept)`
// region closure (mixed-regions.ts), as mixed-search.ts.
//
// Candidates are input-side prefixes of the quantized nodes in graph order, each closed to its contiguous region.
// Why prefixes and not mixed-search.ts's ranking by local SNR loss: the error that loses detections is made in the
// first blocks (docs/quantization.md: CenterNet's stem — a 3-channel conv on the 512×512 input and its hard-swish,
// feeding BN-folded depthwise weights up to |70| — with its first 7 nodes in float keeps 25 of 27 float32 boxes on
// cup instead of 11, and runs faster than full int8), and a set's recall is too coarse to rank single nodes by (one
// box at the score threshold moves it by 1/N).
// Sizes double (1, 2, 4, …) until a prefix meets the target within the latency limit; the sizes between the last
// prefix that did not and that one are then bisected for a smaller prefix that also meets it. Recall is not monotone
// in the prefix (CenterNet on cup: 7 nodes 0.93, 14 nodes 0.81), so the bisection finds the smallest meeting prefix
// of that interval, not necessarily of the whole graph; every measured prefix is a step of the report.
// Invariants: the delivered set (if any) met the target recall and the latency limit when measured; at most
// `maxEvals` candidates are measured; a closed set reached again is not measured again.

export interface PrefixMeasured {
  /** Fraction of float32's detections the candidate finds (recall@0.5 over the validation frames). */
  recall50: number;
  /** Worst-output SNR of the candidate, dB (reported, not searched on). */
  snrDb: number;
  latencyMs: number;
  /** latencyMs ÷ float32's median latency measured alongside (interleaved runs). */
  latencyRatio: number;
}

export interface PrefixStep extends PrefixMeasured {
  /** Size of the candidate kept set (the prefix closed to its region). */
  keptFloat: number;
  accepted: boolean;
  /** Why a candidate is not the delivered one: 'recall under the target', 'slower than float32 × …', 'a smaller prefix also meets the target'. */
  reason?: string;
}

export interface PrefixResult {
  /** The delivered kept set ([] when no prefix met the target). */
  kept: string[];
  reached: boolean;
  steps: PrefixStep[];
  evaluations: number;
}

export interface PrefixOptions {
  maxEvals: number;
  maxLatencyRatio: number;
  /** Region closure of a candidate kept set (default: the set itself). */
  expand?: (kept: readonly string[]) => string[];
}

/** `order`: the quantized nodes in graph order (input side first); `target`: the recall to reach, 0..1. */
export async function searchInputPrefix(
  order: readonly string[],
  target: number,
  evaluate: (kept: string[]) => Promise<PrefixMeasured>,
  o: PrefixOptions,
): Promise<PrefixResult> {
  const expand = o.expand ?? ((k: readonly string[]) => [...k]);
  const steps: PrefixStep[] = [];
  const byKey = new Map<string, { set: string[]; m: PrefixMeasured; step: PrefixStep }>();
  let evaluations = 0;
  const meets = (m: PrefixMeasured) => m.recall50 >= target && m.latencyRatio <= o.maxLatencyRatio;
  /** The prefix of k nodes, closed, measured once; undefined when the evaluation budget is spent. */
  const at = async (k: number) => {
    const set = expand(order.slice(0, k));
    const key = [...set].sort().join('\n');
    const had = byKey.get(key);
    if (had) return had;
    if (evaluations >= o.maxEvals) return undefined;
    evaluations++;
    const m = await evaluate(set);
    const reason = m.recall50 < target ? 'recall under the target' : m.latencyRatio > o.maxLatencyRatio ? `slower than float32 × ${o.maxLatencyRatio}` : undefined;
    const step: PrefixStep = { keptFloat: set.length, ...m, accepted: false, ...(reason ? { reason } : {}) };
    steps.push(step);
    const r = { set, m, step };
    byKey.set(key, r);
    return r;
  };

  let lo = 0; // a prefix length known not to meet the target (0: full int8, measured by the caller)
  let hit: Awaited<ReturnType<typeof at>>;
  let hi = 0;
  for (let k = 1; k <= order.length && !hit; k = k === order.length ? k + 1 : Math.min(2 * k, order.length)) {
    const r = await at(k);
    if (!r) break;
    if (meets(r.m)) [hit, hi] = [r, k];
    else lo = k;
  }
  if (!hit) return { kept: [], reached: false, steps, evaluations };
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = await at(mid);
    if (!r) break;
    if (meets(r.m)) {
      hit.step.reason = 'a smaller prefix also meets the target';
      [hit, hi] = [r, mid];
    } else lo = mid;
  }
  hit.step.accepted = true;
  delete hit.step.reason;
  return { kept: hit.set, reached: true, steps, evaluations };
}
