// The workspace folder: `manifest.json` + content folders `models/<id>/`, `runs/<id>/`, `reports/<id>/`,
// `compares/<id>.json`.
// Default location `~/.edgelab/workspace`, overridden by EDGELAB_WORKSPACE or an explicit directory.
// Invariants: every write is atomic (atomic.ts); every manifest change goes through `update`, which holds
// the in-process mutex and the `manifest.lock` file, re-reads the manifest and writes it back, so two
// processes (CLI + server) never lose each other's updates.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { sweepTemps, writeJsonAtomic } from './atomic';
import { Mutex, sweepDeadLocks, withLockFile } from './lock';
import { MANIFEST_FILE, emptyManifest, parseManifest, type Manifest } from './manifest';

export const LOCK_FILE = 'manifest.lock';
export const CONTENT_DIRS = ['models', 'runs', 'reports', 'compares', 'labs'] as const;
export type ContentDir = (typeof CONTENT_DIRS)[number];

/** Workspace directory: explicit > EDGELAB_WORKSPACE > ~/.edgelab/workspace. */
export function defaultWorkspaceDir(explicit?: string): string {
  const d = explicit ?? process.env.EDGELAB_WORKSPACE ?? join(homedir(), '.edgelab', 'workspace');
  return resolve(d);
}

export class Workspace {
  private readonly mutex = new Mutex();
  private constructor(readonly dir: string) {}

  /** Creates the folders if needed, sweeps leftovers of interrupted atomic writes, checks the manifest. */
  static async open(dir?: string): Promise<Workspace> {
    const ws = new Workspace(defaultWorkspaceDir(dir));
    await fs.mkdir(ws.dir, { recursive: true });
    for (const c of CONTENT_DIRS) await fs.mkdir(join(ws.dir, c), { recursive: true });
    await ws.sweep();
    await ws.read(); // fail early on a corrupt manifest
    return ws;
  }

  get manifestPath(): string {
    return join(this.dir, MANIFEST_FILE);
  }

  /** Absolute path of a content folder or of an item in it. */
  path(kind: ContentDir, ...parts: string[]): string {
    return join(this.dir, kind, ...parts);
  }

  /** Absolute path of a workspace-relative path (absolute paths pass through). */
  abs(rel: string): string {
    return isAbsolute(rel) ? rel : join(this.dir, rel);
  }

  /** Removes `.edgelab-tmp-*` leftovers in the workspace root, content folders and model folders, and long-job
   *  locks (`.edgelab-lock-*`) whose holder process is gone. */
  async sweep(): Promise<string[]> {
    const gone = [...(await sweepTemps(this.dir)), ...(await sweepDeadLocks(this.dir))];
    for (const c of CONTENT_DIRS) gone.push(...(await sweepTemps(this.path(c))));
    const models = await fs.readdir(this.path('models')).catch(() => [] as string[]);
    for (const m of models) gone.push(...(await sweepTemps(this.path('models', m, 'variants'))));
    return gone;
  }

  /** Current manifest (empty when none was written yet). */
  async read(): Promise<Manifest> {
    let text: string;
    try {
      text = await fs.readFile(this.manifestPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest();
      throw e;
    }
    return parseManifest(text, this.manifestPath);
  }

  /**
   * Read-modify-write of the manifest under both locks. `fn` may mutate the manifest it is given and
   * returns a value passed back to the caller; the manifest is written only when `fn` returns normally.
   */
  /**
   * Runs `fn` under the same in-process mutex and `manifest.lock` as `update`, without touching the manifest:
   * for other workspace files that need read-modify-write across processes (e.g. latency/records.json).
   */
  async locked<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(() => withLockFile(join(this.dir, LOCK_FILE), fn));
  }

  async update<T>(fn: (m: Manifest) => T | Promise<T>): Promise<T> {
    return this.mutex.run(() =>
      withLockFile(join(this.dir, LOCK_FILE), async () => {
        const m = await this.read();
        const r = await fn(m);
        await writeJsonAtomic(this.manifestPath, m);
        return r;
      }),
    );
  }
}
