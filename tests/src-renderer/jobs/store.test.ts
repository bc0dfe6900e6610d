import { describe, expect, it } from 'vitest';
import { EdgeLabError } from '../../../src-shared/protocol';
import { cancelJob, clearFinishedJobs, jobsSnapshot, remainingMs, runJob, subscribeJobs } from '../../../src-renderer/jobs/store';

describe('jobs store', () => {
  it('tracks a job from running to done with its progress, and notifies subscribers', async () => {
    let notified = 0;
    const off = subscribeJobs(() => notified++);
    const r = await runJob('convert ssd → fp16', async (o) => {
      o.onProgress?.({ stage: 'convert', done: 1, total: 4 });
      expect(jobsSnapshot().at(-1)).toMatchObject({ status: 'running', progress: { done: 1 } });
      return 42;
    });
    off();
    expect(r).toBe(42);
    expect(jobsSnapshot().at(-1)).toMatchObject({ title: 'convert ssd → fp16', status: 'done' });
    expect(notified).toBeGreaterThanOrEqual(3);
  });

  it('cancel aborts the call signal and marks the job cancelled; a failure keeps its words', async () => {
    const p = runJob('replay', (o) => new Promise((_, reject) => o.signal!.addEventListener('abort', () => reject(new EdgeLabError('CANCELLED', 'cancelled')))));
    const id = jobsSnapshot().at(-1)!.id;
    cancelJob(id);
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(jobsSnapshot().find((j) => j.id === id)!.status).toBe('cancelled');
    await expect(runJob('import', async () => { throw new EdgeLabError('BAD_INPUT', 'not a model', '/x/y.bin'); })).rejects.toThrow();
    const failed = jobsSnapshot().at(-1)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('not a model');
    clearFinishedJobs();
    expect(jobsSnapshot().every((j) => j.status === 'running')).toBe(true);
  });

  it('estimates remaining time from the fraction done when the engine gives no eta', () => {
    const base = { id: 1, title: 't', status: 'running' as const, startedAt: 1000, endedAt: null, error: null };
    expect(remainingMs({ ...base, progress: { stage: 's', fraction: 0.25 } }, 2000)).toBeCloseTo(3000);
    expect(remainingMs({ ...base, progress: { stage: 's', etaMs: 500, fraction: 0.5 } }, 2000)).toBe(500);
    expect(remainingMs({ ...base, progress: { stage: 's' } }, 2000)).toBeNull();
  });
});
