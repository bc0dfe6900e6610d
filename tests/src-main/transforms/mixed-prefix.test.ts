// The input-side prefix search of --target-recall (transforms/mixed-prefix.ts), pure: a table of measured recall and
// latency per prefix length stands in for calibrate + validate + time. Doubling until a prefix meets the target
// within the latency limit, then bisection of the sizes since the last miss; a non-monotone recall (as CenterNet's:
// 7 nodes 0.93, 14 nodes 0.81) finds the smallest meeting prefix of that interval; a slow prefix is refused; the
// budget bounds the evaluations; a closed region reached again is measured once.
import { describe, expect, it } from 'vitest';
import { searchInputPrefix, type PrefixMeasured } from '../../../src-main/transforms/mixed-prefix';

const ORDER = Array.from({ length: 40 }, (_, i) => `n${i}`);

/** evaluate over a table: recall (and latency ratio) of the prefix of k nodes; records the sizes asked. */
function table(recall: (k: number) => number, ratio: (k: number) => number = () => 0.7) {
  const asked: number[] = [];
  const evaluate = async (kept: string[]): Promise<PrefixMeasured> => {
    asked.push(kept.length);
    return { recall50: recall(kept.length), snrDb: kept.length / 4, latencyMs: 10 * ratio(kept.length), latencyRatio: ratio(kept.length) };
  };
  return { asked, evaluate };
}

describe('searchInputPrefix', () => {
  it('doubles until a prefix meets the target, then bisects down to the smallest meeting prefix', async () => {
    const t = table((k) => (k >= 11 ? 0.95 : 0.5));
    const r = await searchInputPrefix(ORDER, 0.9, t.evaluate, { maxEvals: 40, maxLatencyRatio: 1.1 });
    expect(t.asked).toEqual([1, 2, 4, 8, 16, 12, 10, 11]);
    expect(r).toMatchObject({ reached: true, kept: ORDER.slice(0, 11), evaluations: 8 });
    expect(r.steps.filter((s) => s.accepted).map((s) => s.keptFloat)).toEqual([11]);
    expect(r.steps.find((s) => s.keptFloat === 16)!.reason).toBe('a smaller prefix also meets the target');
    expect(r.steps.find((s) => s.keptFloat === 10)!.reason).toBe('recall under the target');
    expect(r.steps.every((s) => typeof s.recall50 === 'number' && typeof s.latencyRatio === 'number')).toBe(true);
  });

  it('a non-monotone recall: the smallest meeting prefix between the last miss and the first hit', async () => {
    // meets at 7 and from 30 on; 8..29 miss (a box at the threshold lost again)
    const t = table((k) => (k === 7 || k >= 30 ? 0.93 : 0.8));
    const r = await searchInputPrefix(ORDER, 0.9, t.evaluate, { maxEvals: 40, maxLatencyRatio: 1.1 });
    expect(t.asked).toEqual([1, 2, 4, 8, 16, 32, 24, 28, 30, 29]);
    expect(r.kept).toEqual(ORDER.slice(0, 30)); // 7 is not found: it lies before the last miss (8)
  });

  it('a prefix over the latency limit does not meet the target, however high its recall', async () => {
    const t = table(
      (k) => (k >= 4 ? 1 : 0),
      (k) => (k >= 4 && k < 16 ? 1.3 : 0.8),
    );
    const r = await searchInputPrefix(ORDER, 0.9, t.evaluate, { maxEvals: 40, maxLatencyRatio: 1.1 });
    expect(r.reached).toBe(true);
    expect(r.kept).toHaveLength(16);
    expect(r.steps.find((s) => s.keptFloat === 8)!.reason).toBe('slower than float32 × 1.1');
  });

  it('not reached: every prefix measured up to the whole list, nothing delivered; the budget bounds it', async () => {
    const t = table(() => 0.5);
    const r = await searchInputPrefix(ORDER, 0.9, t.evaluate, { maxEvals: 40, maxLatencyRatio: 1.1 });
    expect(t.asked).toEqual([1, 2, 4, 8, 16, 32, 40]);
    expect(r).toMatchObject({ reached: false, kept: [], evaluations: 7 });
    expect(r.steps.every((s) => !s.accepted)).toBe(true);
    const few = table(() => 0.5);
    const b = await searchInputPrefix(ORDER, 0.9, few.evaluate, { maxEvals: 3, maxLatencyRatio: 1.1 });
    expect(few.asked).toEqual([1, 2, 4]);
    expect(b.evaluations).toBe(3);
  });

  it('prefixes closed to the same region are measured once', async () => {
    // the closure rounds a prefix up to a multiple of 8 (blocks): 1, 2, 4, 8 are one region
    const expand = (k: readonly string[]) => ORDER.slice(0, Math.min(ORDER.length, Math.ceil(k.length / 8) * 8));
    const t = table((k) => (k >= 24 ? 0.95 : 0.5));
    const r = await searchInputPrefix(ORDER, 0.9, t.evaluate, { maxEvals: 40, maxLatencyRatio: 1.1, expand });
    expect(t.asked).toEqual([8, 16, 32, 24]);
    expect(r.kept).toHaveLength(24);
  });
});
