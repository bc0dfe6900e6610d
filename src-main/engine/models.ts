// Model methods: listBundled, listModels, importModel, inspectModel.
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Args, Results } from '../../src-shared/api';
import type { InspectResult, ModelEntry } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { bundledModelsDir, loadBundledClips, loadBundledModels } from '../models/catalog';
import { modelFiles, modelSizeBytes } from '../models/hash';
import { inspectModel as inspectFile } from '../models/registry';
import { buildDirAtomic } from '../workspace/atomic';
import { contentId } from '../workspace/ids';
import type { EngineCtx } from './context';
import { readOnlyModelFile } from './read-only';
import { namedReadError, resolveModel } from './resolve';

/** The bundled catalogue; each model carries its size on disk (model file + shards, bytes). */
export async function listBundled(): Promise<Results['listBundled']> {
  const models = await loadBundledModels();
  const sized = await Promise.all(models.map(async (m) => ({ ...m, sizeBytes: await modelSizeBytes(join(bundledModelsDir(), m.path)) })));
  return { models: sized, clips: await loadBundledClips() };
}

export async function listModels(ctx: EngineCtx): Promise<ModelEntry[]> {
  return (await ctx.ws.read()).models;
}

export async function inspectModel(ctx: EngineCtx, args: Args<'inspectModel'>): Promise<InspectResult> {
  const readOnly = await readOnlyModelFile(ctx, args.model);
  if (readOnly) return inspectFile(readOnly).catch((e: unknown) => Promise.reject(namedReadError(e, readOnly)));
  const r = await resolveModel(ctx, args.model);
  const info = await inspectFile(r.mainFile).catch((e: unknown) => Promise.reject(namedReadError(e, r.mainFile)));
  return r.meta && !info.meta ? { ...info, meta: r.meta } : info;
}

/**
 * Copies the model's files into `models/<id>/` (atomically) and registers it. The same content
 * (sha256) imported twice returns the existing entry. A workspace id returns that entry.
 */
export async function importModel(ctx: EngineCtx, args: Args<'importModel'>, job: JobContext): Promise<ModelEntry> {
  const r = await resolveModel(ctx, args.source);
  if (r.entry && !r.variant) return r.entry;
  job.progress({ stage: 'inspect', fraction: 0 });
  const info = await inspectFile(r.mainFile); // rejects bad or truncated files with BAD_INPUT before anything is copied
  // Without metadata (no sidecar, no bundled entry, no Ultralytics props): the decoder layouts that fit its outputs,
  // returned (not stored) so the CLI and the UI can say what sidecar to add.
  const fits = r.meta ? {} : { decoderFits: info.decoderFits ?? [] };
  const sha = r.ref.sha256;
  const existing = (await ctx.ws.read()).models.find((m) => m.sha256 === sha);
  if (existing) return { ...existing, ...fits };
  checkCancelled(job);

  const name = args.name ?? (r.bundledId ? r.ref.name : basename(r.mainFile, extname(r.mainFile)));
  const id = contentId(args.name ?? r.bundledId ?? name, sha);
  const files = await modelFiles(r.mainFile);
  const srcDir = dirname(r.mainFile);
  const target = ctx.policy.confine(ctx.ws.path('models', id));
  try {
    await buildDirAtomic(target, async (tmp) => {
      for (const [i, f] of files.entries()) {
        checkCancelled(job);
        const rel = relative(srcDir, f);
        if (rel.startsWith('..')) throw new EdgeLabError('BAD_INPUT', 'model file lies outside the model folder', f);
        await fs.mkdir(dirname(join(tmp, rel)), { recursive: true });
        await fs.copyFile(f, join(tmp, rel));
        job.progress({ stage: 'copy', done: i + 1, total: files.length, unit: 'files', fraction: (i + 1) / files.length });
      }
    });
  } catch (e) {
    // Another process imported the same content meanwhile: its folder is complete (atomic rename).
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw e;
  }
  const entry: ModelEntry = {
    id,
    name,
    format: r.format,
    path: relative(ctx.ws.dir, join(target, basename(r.mainFile))),
    sizeBytes: r.ref.sizeBytes,
    sha256: sha,
    importedAt: new Date().toISOString(),
    origin: args.source,
    ...(r.meta ? { meta: r.meta } : {}),
    variants: [],
  };
  const stored = await ctx.ws.update((m) => {
    const again = m.models.find((x) => x.sha256 === sha);
    if (again) return again;
    m.models.push(entry);
    return entry;
  });
  return { ...stored, ...fits };
}
