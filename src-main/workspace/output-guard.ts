// Outputs never replace EdgeLab's own files. Every `out` an API call names (report, exportWorkflow, convertModel,
// replay, demo) goes through `resolveOutput`; this wraps a host's PathPolicy so that, after the host's own check,
// an output is refused with FORBIDDEN naming it when its real path (after links):
// - is an existing entry of the workspace (manifest.json, settings.json, a run's run.json, a model, a report…);
// - is one of the workspace's own root names even when absent (manifest.json, manifest.lock, settings.json, a temp);
// - lies inside the workspace's own folders that hold records (models/<id>/…, compares/, latency/);
// - lies inside a run folder (any ancestor directory holds a run.json), in the workspace or outside it.
// Allowed: a new file or folder elsewhere, e.g. `reports/x.html`, `runs/<new>`, `<workspace>/my-report.json`, any
// new or existing user file outside the workspace. Paths the engine derives itself (default folders) use `confine`.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { TMP_MARK } from './atomic';
import { MANIFEST_FILE } from './manifest';
import { realpathLoose, type PathPolicy } from './path-policy';

/** Names directly in the workspace that are EdgeLab's even before they exist (settings.json: engine/settings.ts). */
const OWN_ROOT_FILES = new Set([MANIFEST_FILE, 'manifest.lock', 'settings.json']);
/** Workspace folders whose every entry is a record EdgeLab reads back (a stray file there would be misread). */
const RECORD_DIRS = new Set(['compares', 'latency']);

function refuse(p: string, why: string): never {
  throw new EdgeLabError('FORBIDDEN', `${why}; outputs never replace EdgeLab's own files (choose a new file, e.g. under reports/)`, p);
}

/** True when a directory strictly above `real` (up to the file system root) holds a run.json. */
function insideRunFolder(real: string): boolean {
  for (let d = dirname(real); ; d = dirname(d)) {
    if (existsSync(join(d, 'run.json'))) return true;
    if (dirname(d) === d) return false;
  }
}

/** Throws FORBIDDEN when writing `abs` would replace or intrude on a file of the workspace at `wsReal`. */
export function checkOutputNotOwned(abs: string, wsReal: string): void {
  const given = abs;
  const real = realpathLoose(abs);
  if (insideRunFolder(real)) refuse(given, 'lies inside a run folder');
  const rel = relative(wsReal, real);
  if (rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return; // outside the workspace
  if (rel === '') refuse(given, 'is the workspace folder');
  const parts = rel.split(sep);
  const exists = (() => {
    try {
      lstatSync(real);
      return true;
    } catch {
      return false;
    }
  })();
  if (exists) refuse(given, 'is an existing file of the workspace');
  if (OWN_ROOT_FILES.has(parts[0]!) || parts[0]!.startsWith(TMP_MARK)) refuse(given, 'is a file of the workspace');
  if (RECORD_DIRS.has(parts[0]!)) refuse(given, `lies in the workspace's ${parts[0]}/ folder`);
  if (parts[0] === 'models' && parts.length > 2) refuse(given, 'lies inside a model folder of the workspace');
}

/** `policy` whose resolveOutput also refuses EdgeLab-owned paths of the workspace at `wsDir`. */
export function guardOutputs(policy: PathPolicy, wsDir: string): PathPolicy {
  const wsReal = realpathSync(wsDir);
  return {
    ...policy,
    resolveOutput(p: string): string {
      const abs = policy.resolveOutput(p);
      checkOutputNotOwned(abs, wsReal);
      return abs;
    },
  };
}
