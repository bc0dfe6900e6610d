import { describe, expect, it } from 'vitest';
import { PROGRESS_PER_SECOND, jobFromOptions } from '../../../src-main/engine/context';
import type { Progress } from '../../../src-shared/protocol';

describe('jobFromOptions', () => {
  it(`passes at most ${PROGRESS_PER_SECOND} events/s of one stage, but every stage change and the final event`, async () => {
    const seen: Progress[] = [];
    const job = jobFromOptions({ onProgress: (p) => seen.push(p) });
    const t0 = Date.now();
    let i = 0;
    while (Date.now() - t0 < 300) {
      job.progress({ stage: 'decode', done: i++, total: 1_000_000 });
      await new Promise((r) => setImmediate(r));
    }
    const decode = seen.length;
    expect(i).toBeGreaterThan(50);
    expect(decode).toBeGreaterThanOrEqual(2);
    expect(decode).toBeLessThanOrEqual(Math.ceil((0.3 * PROGRESS_PER_SECOND) + 2));
    job.progress({ stage: 'infer', done: 0, total: 2 });
    job.progress({ stage: 'infer', done: 2, total: 2 });
    expect(seen.slice(decode).map((p) => `${p.stage}:${p.done}`)).toEqual(['infer:0', 'infer:2']);
  });

  it('never drops a milestone, however close it follows another event of the same stage', () => {
    const seen: Progress[] = [];
    const job = jobFromOptions({ onProgress: (p) => seen.push(p) });
    job.progress({ stage: 'compare:face:fp16', done: 4, total: 9, message: 'read runs' });
    job.progress({ stage: 'compare:face:fp16', done: 4, total: 9, message: 'metrics' }); // throttled
    job.progress({ stage: 'compare:face:fp16', done: 5, total: 9, message: 'done', milestone: true });
    expect(seen.map((p) => p.message)).toEqual(['read runs', 'done']);
  });

  it('keeps the signal and survives a throwing listener', () => {
    const ac = new AbortController();
    const job = jobFromOptions({ signal: ac.signal, onProgress: () => { throw new Error('listener bug'); } });
    expect(job.signal).toBe(ac.signal);
    expect(() => job.progress({ stage: 'x' })).not.toThrow();
  });
});
