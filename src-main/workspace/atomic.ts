// Atomic writes: nothing half-written is ever visible under its final name.
// Files: write `<name>.<rand>.tmp` beside the target, fsync, rename. Directories: build in a sibling temp
// directory, rename into place on success, remove on failure or cancellation.
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, basename, join } from 'node:path';

export const TMP_MARK = '.edgelab-tmp-';

/**
 * Temp sibling of `target`: `.edgelab-tmp-<pid>-<name>.<12 hex>`. The pid lets `sweepTemps` tell a
 * leftover of a dead process from the in-flight write of a live one (CLI and server share a workspace).
 */
export function tmpPath(target: string): string {
  return join(dirname(target), `${TMP_MARK}${process.pid}-${basename(target)}.${randomBytes(6).toString('hex')}`);
}
const tmpName = tmpPath;

/** True when the process that created temp entry `name` may still be writing it. */
function ownerAlive(name: string): boolean {
  const m = /^\.edgelab-tmp-(\d+)-/.exec(name);
  if (!m) return false; // no pid: a leftover of an older layout
  const pid = Number(m[1]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(dirname(target), { recursive: true });
  const tmp = tmpName(target);
  const fh = await fs.open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await writeFileAtomic(target, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Builds a directory atomically: `build` fills a temp dir; on success it is renamed to `target`
 * (which must not exist), on any throw it is removed and the error rethrown.
 */
export async function buildDirAtomic<T>(target: string, build: (tmpDir: string) => Promise<T>): Promise<T> {
  await fs.mkdir(dirname(target), { recursive: true });
  const tmp = tmpName(target);
  await fs.mkdir(tmp);
  try {
    const r = await build(tmp);
    await fs.rename(tmp, target);
    return r;
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Removes leftovers of interrupted atomic writes directly inside `dir` (not those of live processes). */
export async function sweepTemps(dir: string): Promise<string[]> {
  let names: string[] = [];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const gone = names.filter((n) => n.startsWith(TMP_MARK) && !ownerAlive(n));
  await Promise.all(gone.map((n) => fs.rm(join(dir, n), { recursive: true, force: true })));
  return gone;
}
