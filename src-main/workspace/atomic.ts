// Atomic writes: nothing half-written is ever visible under its final name.
// Files: write `<name>.<rand>.tmp` beside the target, fsync, rename. Directories: build in a sibling temp
// directory, rename into place on success, remove on failure or cancellation.
import { constants as fsConstants, promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { dirname, basename, join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';

export const TMP_MARK = '.edgelab-tmp-';

/**
 * Temp sibling of `target`: `.edgelab-tmp-<pid>[.<thread>]-<name>.<12 hex>` (the thread id only off the main
 * thread). The pid lets `sweepTemps` tell a leftover of a dead process from the in-flight write of a live one (CLI
 * and server share a workspace); the thread id does the same for the server's engine worker, whose crash leaves
 * the process (same pid) alive — the host passes the dead worker's thread id to the next worker (markThreadsDead).
 */
export function tmpPath(target: string): string {
  const owner = threadId === 0 ? `${process.pid}` : `${process.pid}.${threadId}`;
  return join(dirname(target), `${TMP_MARK}${owner}-${basename(target)}.${randomBytes(6).toString('hex')}`);
}

/** Worker threads of this process known to have exited (their temps are leftovers). */
const deadThreads = new Set<number>();
export function markThreadsDead(ids: Iterable<number>): void {
  for (const id of ids) deadThreads.add(id);
}
const tmpName = tmpPath;

/** True when the process that created temp entry `name` may still be writing it. */
function ownerAlive(name: string): boolean {
  const m = /^\.edgelab-tmp-(\d+)(?:\.(\d+))?-/.exec(name);
  if (!m) return false; // no pid: a leftover of an older layout
  const pid = Number(m[1]);
  if (pid === process.pid) return !(m[2] !== undefined && deadThreads.has(Number(m[2])));
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Storage failures as one-line errors naming the path (the raw errno text says neither what to do nor that
 * nothing changed): read-only or unwritable → FORBIDDEN; disk full, quota, file size limit → INTERNAL.
 * Anything else passes through unchanged.
 */
export function storageError(e: unknown, target: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const where = target; // the artefact the user asked for, not the (already removed) temp path that failed
  switch (code) {
    case 'EROFS':
      return new EdgeLabError('FORBIDDEN', 'cannot write: the file system is read-only (EROFS); nothing was changed', where);
    case 'EACCES':
    case 'EPERM':
      return new EdgeLabError('FORBIDDEN', `cannot write: permission denied (${code}); nothing was changed`, where);
    case 'ENOSPC':
    case 'EDQUOT':
      return new EdgeLabError('INTERNAL', `cannot write: no space left on the device (${code}); the partial output was removed, nothing else changed`, where);
    case 'EFBIG':
      return new EdgeLabError('INTERNAL', 'cannot write: file size limit exceeded (EFBIG); the partial output was removed, nothing else changed', where);
    default:
      return e;
  }
}

/**
 * Why `dir` cannot be created/written: the errno of access(W_OK) on its nearest existing ancestor. (Node's recursive
 * mkdir reports ENOENT, not EROFS, on a read-only file system.) Undefined when the ancestor is writable.
 */
async function unwritableCode(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    const exists = await fs.stat(d).then(() => true, () => false);
    if (exists) return fs.access(d, fsConstants.W_OK).then(() => undefined, (e: NodeJS.ErrnoException) => e.code);
    if (dirname(d) === d) return undefined;
  }
}

/** Wraps a failure to create `dir` (mkdir) as a storage error when the file system refuses writes. */
async function mkdirError(e: unknown, dir: string, target: string): Promise<unknown> {
  const code = (e as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? await unwritableCode(dir) : undefined;
  return storageError(code ? Object.assign(new Error(code), { code }) : e, target);
}

/** True when the file system holding `path` has (almost) no free space left: < 64 KiB for unprivileged writers. */
async function nearlyFull(path: string): Promise<boolean> {
  const st = await fs.statfs(path).catch(() => null);
  return !!st && st.bavail * st.bsize < 64 * 1024;
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = tmpName(target);
  let fh;
  try {
    await fs.mkdir(dirname(target), { recursive: true });
    fh = await fs.open(tmp, 'wx');
  } catch (e) {
    throw await mkdirError(e, dirname(target), target);
  }
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    await fs.rm(tmp, { force: true });
    throw storageError(e, target);
  }
  await fh.close();
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw storageError(e, target);
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
  const tmp = tmpName(target);
  try {
    await fs.mkdir(dirname(target), { recursive: true });
    // The parent may be an --out location outside the workspace (never swept when a workspace opens): remove
    // the temp dirs dead processes left there before adding ours.
    await sweepTemps(dirname(target));
    await fs.mkdir(tmp);
  } catch (e) {
    throw await mkdirError(e, dirname(target), target);
  }
  try {
    const r = await build(tmp);
    await fs.rename(tmp, target);
    return r;
  } catch (e) {
    // A build failing on a full disk may report it indirectly (a child process such as ffmpeg that could not write
    // its output): look at the free space before the temp dir is removed and frees it.
    const unexplained = !(e instanceof EdgeLabError) || e.code === 'INTERNAL'; // not a user error nor a cancel
    const full = unexplained && (await nearlyFull(tmp));
    // Retried: a child process the build started (ffmpeg writing thumbnails) may add a file while the folder is being
    // removed (ENOTEMPTY); Node's rm retries that with a short back-off.
    await fs.rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    // A storage error about a file inside the (now removed) temp dir is reported against the target.
    if (e instanceof EdgeLabError && e.file?.startsWith(tmp)) throw new EdgeLabError(e.code, e.message.replace(`${e.file}: `, ''), target);
    throw storageError(full ? Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }) : e, target);
  }
}

/**
 * Registers `made` (a complete file or folder just renamed into place) through `register` (a manifest update). When
 * registering fails (disk full, lock), `made` is removed so that nothing complete stays on disk unregistered, and the
 * error says so (not "partial output", which would be untrue): the storage error's cause, then what was done.
 */
export async function registerOrRemove<T>(made: string, register: () => Promise<T>): Promise<T> {
  try {
    return await register();
  } catch (e) {
    await fs.rm(made, { recursive: true, force: true }).catch(() => {});
    const why = e instanceof Error ? (e instanceof EdgeLabError && e.file ? e.message.replace(`${e.file}: `, '') : e.message) : String(e);
    const cause = why.replace(/; the partial output was removed, nothing else changed$/, '').replace(/; nothing was changed$/, '');
    const code = e instanceof EdgeLabError ? e.code : 'INTERNAL';
    throw new EdgeLabError(code, `could not register it in the workspace manifest (${cause}); the new output was removed, the manifest is unchanged`, made);
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
