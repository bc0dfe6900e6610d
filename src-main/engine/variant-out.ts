// Writing a variant to a user's `--out` (convertModel, variants.ts): made in a temp beside `out` (or copied from
// the workspace) and published by a hard link, so `out` appears whole or not at all and an existing `out` is never
// replaced; TF.js directories through buildDirAtomic. Temps of killed converts beside `out` are swept first.
import { promises as fs } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ModelFormat } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { modelFiles } from '../models/hash';
import { buildDirAtomic, sweepTemps, tmpPath } from '../workspace/atomic';

/** Makes the variant in a temp dir beside `out` and moves the result to `out` (dir for TF.js, file for ONNX / TFLite). */
export async function writeOut<Made extends { res: { mainFile: string } }>(
  format: ModelFormat,
  out: string,
  make: (dir: string) => Promise<Made>,
): Promise<{ mainFile: string; made: Made }> {
  if (format === 'tfjs-graph') {
    const { made, rel } = await buildDirAtomic(out, async (tmp) => {
      const made = await make(tmp);
      return { made, rel: relative(tmp, made.res.mainFile) };
    });
    return { mainFile: join(out, rel), made };
  }
  await fs.mkdir(dirname(out), { recursive: true });
  await sweepTemps(dirname(out)); // leftovers of killed converts beside this --out
  const tmp = tmpPath(out);
  await fs.mkdir(tmp);
  try {
    const made = await make(tmp);
    await linkNoClobber(made.res.mainFile, out);
    return { mainFile: out, made };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Copies a finished variant to `out` atomically (a directory for TF.js, one file for ONNX / TFLite). Returns the files written. */
export async function copyVariantTo(mainFile: string, format: string, out: string): Promise<string[]> {
  if (format !== 'tfjs-graph') {
    await fs.mkdir(dirname(out), { recursive: true });
    await sweepTemps(dirname(out));
    const tmp = tmpPath(out);
    await fs.copyFile(mainFile, tmp);
    try {
      await linkNoClobber(tmp, out);
    } finally {
      await fs.rm(tmp, { force: true });
    }
    return [out];
  }
  const srcDir = dirname(mainFile);
  const srcFiles = await modelFiles(mainFile);
  await buildDirAtomic(out, async (tmp) => {
    for (const f of srcFiles) await fs.copyFile(f, join(tmp, relative(srcDir, f)));
  });
  return srcFiles.map((f) => join(out, relative(srcDir, f)));
}

/** Publishes `from` as `to` without ever replacing an existing `to` (link fails with EEXIST). */
async function linkNoClobber(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new EdgeLabError('BAD_INPUT', 'output already exists; refusing to overwrite', to);
    throw e;
  }
}
