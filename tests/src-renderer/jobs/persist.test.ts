import { describe, expect, it } from 'vitest';
import { JOBS_STORAGE_KEY, MAX_KEPT, RELOAD_REASON, restoreJobs, saveJobs, type StorageLike } from '../../../src-renderer/jobs/persist';
import type { JobRecord } from '../../../src-renderer/jobs/job-record';

/** A DOM-Storage-shaped map (what sessionStorage gives the page). */
function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const job = (id: number, status: JobRecord['status'], extra: Partial<JobRecord> = {}): JobRecord => ({
  id, title: `job ${id}`, status, progress: null, startedAt: 1000 + id, endedAt: status === 'running' ? null : 2000 + id, error: null, ...extra,
});

describe('jobs list across a reload', () => {
  it('comes back after a reload; a job that was running comes back cancelled with the reason, never as running', () => {
    const s = memoryStorage();
    saveJobs(s, [job(1, 'done'), job(2, 'failed', { error: 'BAD_INPUT x.onnx: not a model' }), job(3, 'running', { progress: { stage: 'calibrate', done: 3, total: 10 } })]);
    const back = restoreJobs(s, 9999);
    expect(back.map((j) => [j.id, j.status])).toEqual([[1, 'done'], [2, 'failed'], [3, 'cancelled']]);
    expect(back[1].error).toContain('not a model');
    expect(back[2]).toMatchObject({ error: RELOAD_REASON, endedAt: 9999, progress: { stage: 'calibrate', done: 3 } });
    expect(back.some((j) => j.status === 'running')).toBe(false);
  });

  it('keeps the newest MAX_KEPT; a damaged or foreign entry restores nothing instead of failing the page', () => {
    const s = memoryStorage();
    saveJobs(s, Array.from({ length: MAX_KEPT + 7 }, (_, i) => job(i + 1, 'done')));
    const back = restoreJobs(s, 0);
    expect(back).toHaveLength(MAX_KEPT);
    expect(back[0].id).toBe(8);
    s.data.set(JOBS_STORAGE_KEY, '{not json');
    expect(restoreJobs(s, 0)).toEqual([]);
    s.data.set(JOBS_STORAGE_KEY, JSON.stringify([{ id: 'x' }, job(4, 'done'), 7]));
    expect(restoreJobs(s, 0).map((j) => j.id)).toEqual([4]);
    expect(restoreJobs(null, 0)).toEqual([]);
  });

  it('a storage that refuses writes (quota) is ignored', () => {
    const full: StorageLike = { getItem: () => null, setItem: () => { throw new DOMException('quota', 'QuotaExceededError'); } };
    expect(() => saveJobs(full, [job(1, 'done')])).not.toThrow();
  });
});
