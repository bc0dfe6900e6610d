// The mixed-precision search over a synthetic SNR function: the measured curve is non-monotone (some nodes
// hurt when kept in float, as onnxruntime's fusions can make them), the accepted steps must not be.
import { describe, expect, it } from 'vitest';
import { MIN_GAIN_DB, searchKeptFloat } from '../../../src-main/transforms/mixed-search';

const nodes = Array.from({ length: 20 }, (_, i) => `n${i}`);
/** 10 dB base; each "good" node adds its gain, each "bad" one costs 3 dB when kept in float. */
function model(gains: Record<string, number>) {
  const calls: string[][] = [];
  const evaluate = async (kept: string[]) => {
    calls.push(kept);
    return 10 + kept.reduce((s, n) => s + (gains[n] ?? 0), 0);
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
    const r = await searchKeptFloat(nodes, 10, 14, worse.evaluate, 7);
    expect(r.evaluations).toBe(7);
    expect(r.kept).toEqual([]);
    expect(r.snrDb).toBe(10);
  });
});
