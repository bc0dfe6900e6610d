// The mixed-precision search over a synthetic SNR and latency function: the measured curve is non-monotone (some
// nodes hurt when kept in float, as onnxruntime's fusions can make them) and some candidates are slower than
// float32; the accepted steps must be monotone and within the latency limit.
import { describe, expect, it } from 'vitest';
import { MAX_LATENCY_RATIO, MIN_GAIN_DB, searchKeptFloat, type Measured } from '../../../src-main/transforms/mixed-search';

const nodes = Array.from({ length: 20 }, (_, i) => `n${i}`);
/** 10 dB base; each "good" node adds its gain, each "bad" one costs 3 dB when kept in float; latency 1×
 * float32 unless `ratio` says otherwise for that kept set. */
function model(gains: Record<string, number>, ratio: (kept: string[]) => number = () => 1) {
  const calls: string[][] = [];
  const evaluate = async (kept: string[]): Promise<Measured> => {
    calls.push(kept);
    return { snrDb: 10 + kept.reduce((s, n) => s + (gains[n] ?? 0), 0), latencyMs: 2 * ratio(kept), latencyRatio: ratio(kept) };
  };
  return { calls, evaluate };
}

describe('searchKeptFloat', () => {
  it('rejects nodes that lower the output and keeps the curve of accepted steps non-decreasing', async () => {
    const gains: Record<string, number> = Object.fromEntries(nodes.map((n) => [n, 0.5]));
    gains.n2 = -3;
    gains.n5 = -3;
    const m = model(gains);
    const r = await searchKeptFloat(nodes, 10, 14, m.evaluate);
    expect(r.reached).toBe(true);
    expect(r.snrDb).toBeGreaterThanOrEqual(14);
    expect(r.kept).not.toContain('n2');
    expect(r.kept).not.toContain('n5');
    expect(r.rejected).toEqual(['n2', 'n5']);
    const acc = r.steps.filter((s) => s.accepted);
    for (let i = 1; i < acc.length; i++) expect(acc[i].snrDb).toBeGreaterThanOrEqual(acc[i - 1].snrDb + MIN_GAIN_DB);
    // stops at the first accepted set that meets the target
    expect(acc.filter((s) => s.snrDb >= 14)).toHaveLength(1);
    expect(r.steps.at(-1)!.accepted).toBe(true);
    expect(r.evaluations).toBe(m.calls.length);
    for (const s of r.steps.filter((x) => !x.accepted)) expect(s.reason).toMatch(/^(lowers the SNR|meets the target: bisected)/);
  });

  it('drops chunks that change nothing, without splitting them', async () => {
    const gains: Record<string, number> = { n0: 2 }; // the rest: no effect
    const m = model(gains);
    const r = await searchKeptFloat(nodes, 10, 30, m.evaluate);
    expect(r.kept).toEqual(['n0']);
    expect(r.reached).toBe(false);
    expect(r.snrDb).toBe(12);
    // chunks 1,1,2,4,8,4(rest): one evaluation each, none split
    expect(m.calls).toHaveLength(6);
  });

  it('measures nothing when the base already meets the target, and stops at maxEvals', async () => {
    const m = model({});
    expect((await searchKeptFloat(nodes, 20, 14, m.evaluate)).evaluations).toBe(0);
    const worse = model(Object.fromEntries(nodes.map((n) => [n, -1])));
    const r = await searchKeptFloat(nodes, 10, 14, worse.evaluate, { maxEvals: 7 });
    expect(r.evaluations).toBe(7);
    expect(r.kept).toEqual([]);
    expect(r.snrDb).toBe(10);
  });

  it('never accepts a candidate slower than the limit, and merges its chunk into the next region', async () => {
    const gains: Record<string, number> = Object.fromEntries(nodes.map((n) => [n, 1]));
    // a small float island is slow (boundaries); three or more kept nodes run as fast as float32
    const m = model(gains, (kept) => (kept.length < 3 ? 1.4 : 1.0));
    const r = await searchKeptFloat(nodes, 10, 14, m.evaluate);
    // n0 slow → merged with n1 (slow) → merged with n2,n3: meets the target → bisected: n0,n1 (measured before,
    // slow: no new step) merged into n2,n3, the same candidate, now accepted without measuring it again
    expect(m.calls.map((c) => c.length)).toEqual([1, 2, 4]);
    expect(r.evaluations).toBe(3);
    expect(r.steps.map((s) => s.accepted)).toEqual([false, false, false, true]);
    expect(r.steps[2].reason).toMatch(/bisected/);
    expect(r.steps[0].reason).toMatch(/slower than float32 × 1.1 \(1.40×\)/);
    expect(r.kept).toEqual(['n0', 'n1', 'n2', 'n3']);
    expect(r.reached).toBe(true);
    for (const s of r.steps.filter((x) => x.accepted)) expect(s.latencyRatio).toBeLessThanOrEqual(MAX_LATENCY_RATIO);
    // a stricter limit nothing meets: nothing accepted, the result is the base
    const strict = await searchKeptFloat(nodes, 10, 14, model(gains, () => 1.2).evaluate, { maxLatencyRatio: 1.1 });
    expect(strict.kept).toEqual([]);
    expect(strict.steps.every((s) => !s.accepted && s.latencyRatio === 1.2)).toBe(true);
  });

  it('closes every candidate to its region with expand, and skips ranked nodes already inside it', async () => {
    const gains: Record<string, number> = Object.fromEntries(nodes.map((n) => [n, 1]));
    const m = model(gains);
    // a chain n0 → n1 → … → n19: the region between kept nodes is every node between the lowest and highest index
    const expand = (kept: readonly string[]) => {
      const ix = kept.map((k) => Number(k.slice(1)));
      return nodes.slice(Math.min(...ix), Math.max(...ix) + 1);
    };
    const r = await searchKeptFloat(['n0', 'n5', 'n3', 'n9', 'n1'], 10, 100, m.evaluate, { expand });
    // n0 → [n0]; n5 → [n0..n5]; n3 skipped (inside) and n9 → [n0..n9]; n1 inside: not measured again
    expect(m.calls.map((c) => c.length)).toEqual([1, 6, 10]);
    expect(r.kept).toEqual(nodes.slice(0, 10));
    expect(r.steps.map((s) => s.keptFloat)).toEqual([1, 6, 10]);
  });

  it('bisects a chunk that crosses the target, for the smallest region of it that meets the target', async () => {
    const m = model(Object.fromEntries(nodes.map((n) => [n, 1])));
    const r = await searchKeptFloat(nodes, 10, 12.5, m.evaluate);
    // n0 → 11, n1 → 12, n2+n3 → 14 crosses 12.5: bisected, n2 alone → 13 meets it and is accepted
    expect(m.calls.map((c) => c.length)).toEqual([1, 2, 4, 3]);
    expect(r.kept).toEqual(['n0', 'n1', 'n2']);
    expect(r.snrDb).toBe(13);
    expect(r.steps.filter((s) => s.accepted).map((s) => s.snrDb)).toEqual([11, 12, 13]);
  });

  it('bisects a region that crosses the target over the nodes it adds, in graph order, down to the smallest that meets it', async () => {
    const m = model(Object.fromEntries(nodes.map((n) => [n, 1])));
    const expand = (kept: readonly string[]) => {
      const ix = kept.map((k) => Number(k.slice(1)));
      return nodes.slice(Math.min(...ix), Math.max(...ix) + 1);
    };
    const r = await searchKeptFloat(['n0', 'n9'], 10, 14.5, m.evaluate, { expand });
    // n0 → 11; n9 → the region n0..n9, 20 dB: bisected over n1..n9 → n0..n5 16 dB, bisected → n0..n3 14 dB accepted
    // → n4,n5 rebuild n0..n5 (not measured again), bisected → n0..n4 15 dB: the smallest region meeting 14.5
    expect(m.calls.map((c) => c.length)).toEqual([1, 10, 6, 4, 5]);
    expect(r.kept).toEqual(nodes.slice(0, 5));
    expect(r.snrDb).toBe(15);
    expect(r.reached).toBe(true);
    expect(r.steps.filter((s) => s.accepted).map((s) => s.keptFloat)).toEqual([1, 4, 5]);
  });
});
