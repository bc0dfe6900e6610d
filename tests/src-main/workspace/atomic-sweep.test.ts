// Temps of interrupted atomic writes: a leftover of a dead process, or of a crashed engine worker thread of this
// very process (the server's worker: same pid), is swept; an in-flight write of a live thread is not.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markThreadsDead, sweepTemps, tmpPath, TMP_MARK } from '../../../src-main/workspace/atomic';
import { LOCK_MARK, sweepDeadLocks } from '../../../src-main/workspace/lock';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-sweep-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('sweepTemps', () => {
  it("removes a crashed worker thread's temps (same pid, thread marked dead), keeps live ones", async () => {
    const pid = process.pid;
    const names = {
      deadThread: `${TMP_MARK}${pid}.4242-run.0123456789ab`,
      liveThread: `${TMP_MARK}${pid}.4243-run.0123456789ab`,
      mainThread: `${TMP_MARK}${pid}-report.json.0123456789ab`,
      deadProcess: `${TMP_MARK}999999999-model.onnx.0123456789ab`,
    };
    for (const n of Object.values(names)) await fs.mkdir(join(dir, n));
    markThreadsDead([4242]);
    const gone = await sweepTemps(dir);
    expect(gone.sort()).toEqual([names.deadThread, names.deadProcess].sort());
    expect((await fs.readdir(dir)).sort()).toEqual([names.liveThread, names.mainThread].sort());
  });

  it('names temps with the pid, and the thread id off the main thread', () => {
    const name = tmpPath(join(dir, 'x.json')).slice(dir.length + 1);
    expect(name.startsWith(threadId === 0 ? `${TMP_MARK}${process.pid}-x.json.` : `${TMP_MARK}${process.pid}.${threadId}-x.json.`)).toBe(true);
  });

  it("removes a long-job lock whose holder process is gone, keeps a live holder's", async () => {
    const d = await fs.mkdtemp(join(dir, 'locks-'));
    await fs.writeFile(join(d, `${LOCK_MARK}variant-a`), JSON.stringify({ pid: 999999999, at: '2026-01-01T00:00:00Z' }));
    await fs.writeFile(join(d, `${LOCK_MARK}variant-b`), JSON.stringify({ pid: process.pid, at: '2026-01-01T00:00:00Z' }));
    expect(await sweepDeadLocks(d)).toEqual([`${LOCK_MARK}variant-a`]);
    expect(await fs.readdir(d)).toEqual([`${LOCK_MARK}variant-b`]);
  });
});
