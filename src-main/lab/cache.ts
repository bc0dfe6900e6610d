// Step cache: key = sha256 over (EdgeLab version, step kind, method, args, settings, content hash of every input, keys
// of the dependencies). A step's results live in <labDir>/steps/<key>/; the folder is built in a temp sibling
// (pid-marked, swept when its owner is dead), `result.json` is written last, then the folder is renamed into place.
// Invariant: a step is done iff steps/<key>/result.json exists.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { LabStepKind } from '../../src-shared/types/lab';
import { tmpPath, writeJsonAtomic } from '../workspace/atomic';
import type { LabStep } from './plan';
import type { StepCall } from './step-call';

export const RESULT_FILE = 'result.json';

/** What result.json holds. */
export interface StepRecord {
  version: 1;
  id: string;
  kind: LabStepKind;
  key: string;
  /** The API method the step called and its arguments as planned (placeholders kept). */
  method: StepCall['method'];
  args: StepCall['args'];
  /** The generic CLI entry's command line as planned (`call <method> --args <json> --json`, placeholders kept). */
  argv: string[];
  /** Wall time of the step's process, ms. */
  durationMs: number;
  /** ISO time the step finished. */
  finishedAt: string;
  /** The method's result JSON (temp-folder paths rewritten to the step's final folder). */
  stdout: unknown;
}

async function sha256Stream(path: string, h = createHash('sha256')): Promise<void> {
  await new Promise<void>((ok, ko) => {
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => ok())
      .on('error', ko);
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/**
 * Content hash of an input: a file's bytes (a TF.js model.json also hashes the weight shards it names, in manifest
 * order), or a folder's files (relative names and bytes, sorted). Hand-written: the folder/shard walk is EdgeLab's
 * own notion of "a model's content".
 */
export async function contentHash(path: string): Promise<string> {
  const st = await fs.stat(path).catch(() => {
    throw new EdgeLabError('BAD_INPUT', 'input of a lab step does not exist', path);
  });
  const h = createHash('sha256');
  if (st.isDirectory()) {
    for (const f of await listFiles(path)) {
      h.update(relative(path, f) + '\0');
      await sha256Stream(f, h);
    }
    return h.digest('hex');
  }
  await sha256Stream(path, h);
  if (path.endsWith('.json') && st.size < 64 * 1024 * 1024) {
    let manifest: unknown;
    try {
      manifest = (JSON.parse(await fs.readFile(path, 'utf8')) as { weightsManifest?: unknown }).weightsManifest;
    } catch {
      manifest = undefined;
    }
    if (Array.isArray(manifest)) {
      for (const group of manifest as { paths?: string[] }[]) for (const p of group.paths ?? []) await sha256Stream(join(dirname(path), p), h);
    }
  }
  return h.digest('hex');
}

/** Memoised contentHash for one run (the same model is an input of many steps). */
export function inputHasher(): (path: string) => Promise<string> {
  const memo = new Map<string, Promise<string>>();
  return (p) => {
    let v = memo.get(p);
    if (!v) memo.set(p, (v = contentHash(p)));
    return v;
  };
}

/** The cache key of a step (hex sha256). `depKeys` in the order of `step.deps`. */
export function stepKey(step: LabStep, version: string, inputHashes: string[], depKeys: string[]): string {
  const material = { version, kind: step.kind, method: step.method, args: step.args, settings: step.settings, inputs: inputHashes, deps: depKeys };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

export const stepsDir = (labDir: string) => join(labDir, 'steps');
export const stepDir = (labDir: string, key: string) => join(stepsDir(labDir), key);

/** The finished step's record, or null when the step is not done. */
export async function readDone(labDir: string, key: string): Promise<StepRecord | null> {
  try {
    return JSON.parse(await fs.readFile(join(stepDir(labDir, key), RESULT_FILE), 'utf8')) as StepRecord;
  } catch {
    return null;
  }
}

/** A fresh temp folder for a step attempt (sibling of its final folder). */
export async function openAttempt(labDir: string, key: string): Promise<string> {
  const tmp = tmpPath(stepDir(labDir, key));
  await fs.mkdir(tmp, { recursive: true });
  return tmp;
}

/**
 * Publishes an attempt: writes result.json last (atomically) in the temp folder, then renames the folder to
 * steps/<key>/ (replacing an earlier result under --force).
 */
export async function commitAttempt(labDir: string, tmp: string, record: StepRecord): Promise<void> {
  await writeJsonAtomic(join(tmp, RESULT_FILE), record);
  const final = stepDir(labDir, record.key);
  const old = tmpPath(final);
  const moved = await fs.rename(final, old).then(
    () => true,
    () => false,
  );
  await fs.rename(tmp, final);
  if (moved) await fs.rm(old, { recursive: true, force: true });
}
