// What paths a host may touch. 'open' (CLI): any path, resolved against the working directory.
// 'confined' (server): after resolving symlinks (realpath of the path, or of its nearest existing parent
// plus the rest), the path must lie inside one of the allowed roots — else FORBIDDEN. This rejects `..`
// escapes and symlinks that leave the roots, because the check runs on the real path.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';

export interface PathPolicy {
  kind: 'open' | 'confined';
  /** Absolute path of a file or folder to read; throws FORBIDDEN when not allowed. */
  resolveInput(p: string): string;
  /** Absolute path of a file or folder to create; throws FORBIDDEN when not allowed. */
  resolveOutput(p: string): string;
  /**
   * Absolute path of a file the engine derived itself (a TF.js shard, a run's frame, a default output folder such as
   * `<workspace>/runs/<id>`): FORBIDDEN when its real path (after links) leaves the roots. Open policy: resolve only.
   */
  confine(p: string): string;
  /** Allows a root (folder or single file) from now on, e.g. a file the user explicitly imported. */
  allow(root: string): void;
}

/** realpath of `p` if it exists, else realpath of its nearest existing ancestor joined with the rest. */
export function realpathLoose(p: string): string {
  const abs = resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = realpathSync(cur);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return abs;
      rest.push(basename(cur));
      cur = parent;
    }
  }
}

/** True when the real path of `p` lies inside the real path of `dir` (both after following links). */
export function insideReal(dir: string, p: string): boolean {
  return inside(realpathLoose(dir), realpathLoose(p));
}

function inside(root: string, p: string): boolean {
  if (p === root) return true;
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

export function openPathPolicy(cwd: string = process.cwd()): PathPolicy {
  const r = (p: string) => resolve(cwd, p);
  return { kind: 'open', resolveInput: r, resolveOutput: r, confine: r, allow: () => {} };
}

/** Relative paths resolve against `base` (the workspace); every result must lie inside a root. */
export function confinedPathPolicy(roots: string[], base: string): PathPolicy {
  const allowed = new Set(roots.map((x) => realpathLoose(x)));
  const check = (p: string): string => {
    const abs = resolve(base, p);
    const real = realpathLoose(abs);
    for (const root of allowed) if (inside(root, real)) return abs;
    throw new EdgeLabError('FORBIDDEN', `${p}: outside the workspace`, p);
  };
  return {
    kind: 'confined',
    resolveInput: check,
    resolveOutput: check,
    confine: check,
    allow: (root) => void allowed.add(realpathLoose(root)),
  };
}
