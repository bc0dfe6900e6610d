// Serialises manifest updates: an in-process mutex (queue of promises) plus a cross-process lock file
// created with O_EXCL. A lock file older than STALE_MS, or naming a pid that no longer exists, was left by a
// crashed process and is removed.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { storageError } from './atomic';

export const STALE_MS = 30_000;
/** Name prefix of the long-job locks kept in the workspace root (one per variant being built). */
export const LOCK_MARK = '.edgelab-lock-';
const RETRY_MS = 15;
const GIVE_UP_MS = 60_000;

/** Runs critical sections one at a time, in call order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => {});
    return next;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * True when the lock file names a pid that no longer exists (a process killed while holding it): the lock is taken
 * over at once instead of after STALE_MS. Same-host only — the workspace is a local folder.
 */
async function holderDead(lockPath: string): Promise<boolean> {
  const text = await fs.readFile(lockPath, 'utf8').catch(() => '');
  let pid: unknown;
  try {
    pid = (JSON.parse(text) as { pid?: unknown }).pid;
  } catch {
    return false; // being written right now, or foreign: fall back to the age rule
  }
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the lock files named `LOCK_MARK…` directly in `dir` whose holder process is gone; returns their names. */
export async function sweepDeadLocks(dir: string): Promise<string[]> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(LOCK_MARK));
  const gone: string[] = [];
  for (const n of names) {
    if (await holderDead(join(dir, n))) {
      await fs.rm(join(dir, n), { force: true });
      gone.push(n);
    }
  }
  return gone;
}

/**
 * Holds `lockPath` (created exclusively) while `fn` runs. `staleMs`: age after which a lock counts as abandoned
 * (Infinity for locks held over long jobs: then only a dead holder frees it); `giveUpMs`: how long to wait.
 */
export async function withLockFile<T>(lockPath: string, fn: () => Promise<T>, opts: { staleMs?: number; giveUpMs?: number } = {}): Promise<T> {
  const staleMs = opts.staleMs ?? STALE_MS;
  const giveUpMs = opts.giveUpMs ?? GIVE_UP_MS;
  const start = Date.now();
  for (;;) {
    try {
      const fh = await fs.open(lockPath, 'wx');
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
        await fh.close();
      } catch (w) {
        // A lock we could not write (disk full) must not stay: an empty lock names no pid, so every later writer
        // would wait STALE_MS for it.
        await fh.close().catch(() => {});
        await fs.rm(lockPath, { force: true });
        throw storageError(w, lockPath);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw storageError(e, lockPath);
      const st = await fs.stat(lockPath).catch(() => null);
      if (st && (Date.now() - st.mtimeMs > staleMs || (await holderDead(lockPath)))) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() - start > giveUpMs) {
        throw new EdgeLabError('INTERNAL', 'workspace is locked by another process', lockPath);
      }
      await sleep(RETRY_MS + Math.random() * RETRY_MS);
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}
