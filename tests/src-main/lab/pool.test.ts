// Worker pool: dependencies first, at most `jobs` at a time, the memory budget respected (one task may always run),
// dependents of a failure skipped, nothing new started once stopped.
import { describe, expect, it } from 'vitest';
import { defaultJobs, runPool, type PoolTask, type TaskOutcome } from '../../../src-main/lab/pool';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tracker() {
  let now = 0;
  let peak = 0;
  let peakMb = 0;
  let mb = 0;
  const order: string[] = [];
  return {
    order,
    peak: () => peak,
    peakMb: () => peakMb,
    run: (fail = new Set<string>()) => async (t: PoolTask): Promise<TaskOutcome> => {
      now++;
      mb += t.memoryMb;
      peak = Math.max(peak, now);
      peakMb = Math.max(peakMb, mb);
      order.push(t.id);
      await sleep(5 + (t.id.length % 3) * 3);
      now--;
      mb -= t.memoryMb;
      if (fail.has(t.id)) throw new Error('boom');
      return 'done';
    },
  };
}

const tasks: PoolTask[] = [
  { id: 'a', deps: [], memoryMb: 100 },
  { id: 'b', deps: [], memoryMb: 100 },
  { id: 'c', deps: [], memoryMb: 100 },
  { id: 'ab', deps: ['a', 'b'], memoryMb: 100 },
  { id: 'abc', deps: ['ab', 'c'], memoryMb: 100 },
];

describe('lab worker pool', () => {
  it('runs dependencies first and at most `jobs` at a time', async () => {
    const t = tracker();
    const out = await runPool(tasks, { jobs: 2, budgetMb: 10_000, run: t.run(), stop: () => false });
    expect([...out.values()].every((o) => o === 'done')).toBe(true);
    expect(t.peak()).toBe(2);
    expect(t.order.indexOf('ab')).toBeGreaterThan(Math.max(t.order.indexOf('a'), t.order.indexOf('b')));
    expect(t.order.at(-1)).toBe('abc');
  });

  it('keeps the running tasks within the memory budget, but always runs one', async () => {
    const t = tracker();
    await runPool(tasks, { jobs: 3, budgetMb: 250, run: t.run(), stop: () => false });
    expect(t.peakMb()).toBeLessThanOrEqual(250);
    const big = tracker();
    const out = await runPool([{ id: 'huge', deps: [], memoryMb: 1e9 }], { jobs: 3, budgetMb: 250, run: big.run(), stop: () => false });
    expect(out.get('huge')).toBe('done');
  });

  it('a failure skips its dependents only; stop() starts nothing new', async () => {
    const t = tracker();
    const out = await runPool(tasks, { jobs: 1, budgetMb: 10_000, run: t.run(new Set(['a'])), stop: () => false });
    expect(Object.fromEntries(out)).toEqual({ a: 'failed', b: 'done', c: 'done', ab: 'skipped', abc: 'skipped' });
    const s = tracker();
    let started = 0;
    const stopped = await runPool(tasks, { jobs: 1, budgetMb: 10_000, run: async (x) => (started++, s.run()(x)), stop: () => started >= 2 });
    expect(started).toBe(2);
    expect([...stopped.values()].filter((o) => o === 'skipped')).toHaveLength(3);
    expect(defaultJobs()).toBeGreaterThanOrEqual(1);
  });
});
