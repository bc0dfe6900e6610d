// convertModel: makes a variant (fp16) of a model. Workspace models (and bundled ids / paths without
// `out`, which are imported first) get the variant in `models/<parent>/variants/<vid>/`, registered in
// the manifest; with `out`, the variant is (also) written there: a directory for TF.js (model.json +
// shards), a file for ONNX. An existing `out` is never overwritten.
import { promises as fs } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Args, ConvertResult } from '../../src-shared/api';
import type { VariantEntry } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { hashModel, modelFiles, modelSizeBytes } from '../models/hash';
import { getTransform } from '../transforms/registry';
import type { Transform } from '../transforms/types';
import { buildDirAtomic, tmpPath } from '../workspace/atomic';
import type { EngineCtx } from './context';
import { importModel } from './models';
import { resolveModel, type ResolvedModel } from './resolve';

export async function convertModel(ctx: EngineCtx, args: Args<'convertModel'>, job: JobContext): Promise<ConvertResult> {
  let src = await resolveModel(ctx, args.model);
  const out = args.out === undefined ? undefined : ctx.policy.resolveOutput(args.out);
  if (out !== undefined && (await exists(out))) throw new EdgeLabError('BAD_INPUT', 'output already exists; refusing to overwrite', out);
  if (src.variant) throw new EdgeLabError('BAD_INPUT', `${src.variant.id} is already a ${src.variant.kind} variant; convert its parent model`);
  const transform = getTransform(args.to, src.format);
  const settings: Record<string, unknown> = {};

  if (!src.entry && out === undefined) {
    const entry = await importModel(ctx, { source: args.model }, subJob(job, 0, 0.1, 'import'));
    src = await resolveModel(ctx, entry.id);
  }
  const sourceSizeBytes = await modelSizeBytes(src.mainFile);
  checkCancelled(job);

  const files: string[] = [];
  let variant: VariantEntry | undefined;
  let keptFloat: { name: string; reason: string }[] = [];

  if (src.entry) {
    const entry = src.entry;
    const vid = `${entry.id}-${args.to}`;
    const known = entry.variants.find((v) => v.id === vid);
    const target = ctx.ws.path('models', entry.id, 'variants', vid);
    if (known && (await exists(ctx.ws.abs(known.path)))) {
      variant = known;
      keptFloat = (known.keptFloat ?? []).map((name) => ({ name, reason: 'kept in float32 by the transform' }));
      files.push(...(await modelFiles(ctx.ws.abs(known.path))));
    } else {
      await fs.rm(target, { recursive: true, force: true }); // a folder without manifest entry is an orphan
      const { res, rel } = await buildDirAtomic(target, async (tmp) => {
        const res = await transform.apply({ source: src.mainFile, outDir: tmp, settings }, subJob(job, 0.1, out ? 0.8 : 1, 'convert'));
        return { res, rel: relative(tmp, res.mainFile) };
      });
      keptFloat = res.keptFloat;
      const mainFile = join(target, rel);
      const v: VariantEntry = {
        id: vid,
        parentId: entry.id,
        kind: args.to,
        format: entry.format,
        path: relative(ctx.ws.dir, mainFile),
        sizeBytes: await modelSizeBytes(mainFile),
        sha256: await hashModel(mainFile),
        createdAt: new Date().toISOString(),
        settings,
        ...(keptFloat.length ? { keptFloat: keptFloat.map((k) => k.name) } : {}),
      };
      variant = await ctx.ws.update((m) => {
        const parent = m.models.find((x) => x.id === entry.id);
        if (!parent) throw new EdgeLabError('NOT_FOUND', `model ${entry.id} was removed from the workspace meanwhile`);
        parent.variants = parent.variants.filter((x) => x.id !== vid).concat(v);
        return v;
      });
      files.push(...(await modelFiles(mainFile)));
    }
    if (out !== undefined) {
      const written = await copyVariantTo(ctx.ws.abs(variant.path), src.format, out);
      files.push(...written);
    }
  } else {
    // Path or bundled id with `out`: write only there, register nothing.
    const o = out as string;
    const { mainFile, keptFloat: kf } = await writeOut(src, transform, settings, o, subJob(job, 0, 1, 'convert'));
    keptFloat = kf;
    const sha256 = await hashModel(mainFile);
    variant = {
      id: `${src.ref.sha256.slice(0, 8)}-${args.to}`,
      parentId: src.bundledId ?? src.ref.sha256.slice(0, 8),
      kind: args.to,
      format: src.format,
      path: mainFile,
      sizeBytes: await modelSizeBytes(mainFile),
      sha256,
      createdAt: new Date().toISOString(),
      settings,
      ...(kf.length ? { keptFloat: kf.map((k) => k.name) } : {}),
    };
    files.push(...(await modelFiles(mainFile)));
  }
  job.progress({ stage: 'done', fraction: 1 });
  return { variant, files, sourceSizeBytes, sizeBytes: variant.sizeBytes, keptFloat };
}

/** Runs the transform into a temp dir beside `out` and moves the result to `out` (dir for TF.js, file for ONNX). */
async function writeOut(
  src: ResolvedModel,
  transform: Transform,
  settings: Record<string, unknown>,
  out: string,
  job: JobContext,
): Promise<{ mainFile: string; keptFloat: { name: string; reason: string }[] }> {
  if (src.format === 'tfjs-graph') {
    const { res, rel } = await buildDirAtomic(out, async (tmp) => {
      const res = await transform.apply({ source: src.mainFile, outDir: tmp, settings }, job);
      return { res, rel: relative(tmp, res.mainFile) };
    });
    return { mainFile: join(out, rel), keptFloat: res.keptFloat };
  }
  await fs.mkdir(dirname(out), { recursive: true });
  const tmp = tmpPath(out);
  await fs.mkdir(tmp);
  try {
    const res = await transform.apply({ source: src.mainFile, outDir: tmp, settings }, job);
    await linkNoClobber(res.mainFile, out);
    return { mainFile: out, keptFloat: res.keptFloat };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Copies a finished variant to `out` atomically. Returns the files written. */
async function copyVariantTo(mainFile: string, format: string, out: string): Promise<string[]> {
  if (format === 'onnx') {
    await fs.mkdir(dirname(out), { recursive: true });
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

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}
