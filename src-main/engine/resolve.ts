// Turns what a caller names (workspace id, bundled id, or path) into absolute files plus what the
// engine needs to know about them. Order for models: workspace model id → workspace variant id →
// bundled model id → path (through the host's PathPolicy). Clips: bundled clip id → path.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { ModelEntry, ModelFormat, ModelMeta, VariantEntry } from '../../src-shared/types/model';
import type { RunModelRef } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel, metaForModel } from '../models/catalog';
import { hashModel, modelFiles, modelSizeBytes } from '../models/hash';
import { detectFormat, resolveModelPath } from '../models/registry';
import { findModelOrVariant } from '../workspace/manifest';
import { openRegularFile } from '../workspace/regular-file';
import type { EngineCtx } from './context';

export interface ResolvedModel {
  /** Absolute main file (.onnx or model.json). */
  mainFile: string;
  format: ModelFormat;
  meta?: ModelMeta;
  /** The run's model reference, minus what the runtime fills in. */
  ref: Omit<RunModelRef, 'runtime' | 'backend'>;
  entry?: ModelEntry;
  variant?: VariantEntry;
  bundledId?: string;
}

/** Absolute main file of a bundled model id, or undefined. */
export function bundledModelFile(id: string): { id: string; file: string; name: string; meta: ModelMeta; sha256: string; format: ModelFormat } | undefined {
  const b = findBundledModel(id);
  if (!b) return undefined;
  return { id: b.id, file: bundledModelPath(b), name: b.name, meta: b.meta, sha256: b.sha256, format: b.format };
}

export async function resolveModel(ctx: EngineCtx, model: string): Promise<ResolvedModel> {
  const hit = findModelOrVariant(await ctx.ws.read(), model);
  if (hit) {
    const { model: entry, variant } = hit;
    const mainFile = ctx.policy.confine(ctx.ws.abs(variant ? variant.path : entry.path));
    return {
      mainFile,
      format: variant?.format ?? entry.format,
      meta: entry.meta,
      entry,
      variant,
      ref: {
        id: variant?.id ?? entry.id,
        // the model's name; the variant is told by variantKind (every view shows both)
        name: entry.name,
        path: mainFile,
        sha256: variant?.sha256 ?? entry.sha256,
        format: variant?.format ?? entry.format,
        // an imported variant file (convert --out) keeps the kind its metadata records
        variantKind: variant?.kind ?? entry.meta?.lineage?.kind ?? 'fp32',
        sizeBytes: variant?.sizeBytes ?? entry.sizeBytes,
      },
    };
  }
  const b = bundledModelFile(model);
  if (b) {
    return {
      mainFile: b.file,
      format: b.format,
      meta: b.meta,
      bundledId: b.id,
      ref: { name: b.name, path: b.file, sha256: b.sha256, format: b.format, variantKind: 'fp32', sizeBytes: await modelSizeBytes(b.file) },
    };
  }
  const given = ctx.policy.resolveInput(model);
  await mustExist(given, 'model');
  const mainFile = ctx.policy.confine(await resolveModelPath(given));
  // Every file of the model (TF.js shards) must really lie inside the roots: before any read of its content.
  for (const f of await modelFiles(mainFile).catch(() => [])) ctx.policy.confine(f); // unreadable: the reader says why
  const reader = await detectFormat(mainFile).catch((e: unknown) => Promise.reject(namedReadError(e, mainFile)));
  const format = reader.format;
  const sha256 = await hashModel(mainFile).catch((e: unknown) => Promise.reject(namedReadError(e, mainFile)));
  const meta = (await metaForModel(mainFile)) ?? undefined;
  return {
    mainFile,
    format,
    meta,
    // a variant written by `convert --out` names its parent and kind (sidecar lineage or ONNX metadata_props)
    ref: { name: meta?.lineage?.parent.name ?? basename(mainFile), path: mainFile, sha256, format, variantKind: meta?.lineage?.kind ?? 'fp32', sizeBytes: await modelSizeBytes(mainFile) },
  };
}

export interface ResolvedClip {
  path: string;
  name: string;
  sha256: string;
}

export async function resolveClip(ctx: EngineCtx, clip: string): Promise<ResolvedClip> {
  const b = findBundledClip(clip);
  if (b) return { path: bundledClipPath(b), name: b.name, sha256: b.sha256 };
  const path = ctx.policy.resolveInput(clip);
  await mustExist(path, 'clip');
  return { path, name: basename(path), sha256: await sha256File(path, 'clip').catch((e: unknown) => Promise.reject(namedReadError(e, path))) };
}

/** Run directory of a workspace run id or of a run directory path. */
export async function resolveRunDir(ctx: EngineCtx, run: string): Promise<{ dir: string; id?: string }> {
  const m = await ctx.ws.read();
  const hit = m.runs.find((r) => r.id === run);
  if (hit) return { dir: hit.dir, id: hit.id };
  const dir = ctx.policy.resolveInput(run);
  await mustExist(dir, 'run');
  return { dir };
}

/**
 * A raw file-system error of a read (errno text without the path, e.g. "EIO: i/o error, read" for /proc/self/mem) as
 * BAD_INPUT naming `file`; EdgeLab errors and anything without an errno pass through unchanged.
 */
export function namedReadError(e: unknown, file: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof EdgeLabError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  return new EdgeLabError('BAD_INPUT', `cannot read the file: ${code} (${(e as Error).message.split(',')[0]?.replace(`${code}: `, '') ?? code})`, file);
}

/** sha256 (hex) of a regular file; a FIFO, device or folder is BAD_INPUT naming it (never opened blocking). */
export async function sha256File(path: string, what = 'file'): Promise<string> {
  const h = createHash('sha256');
  const { fh } = await openRegularFile(path, what);
  try {
    for await (const chunk of fh.createReadStream({ autoClose: false })) h.update(chunk as Buffer);
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

async function mustExist(path: string, what: string): Promise<void> {
  try {
    await fs.stat(path);
  } catch {
    throw new EdgeLabError('NOT_FOUND', `no such ${what} (not a workspace id, bundled id or existing path)`, path);
  }
}
