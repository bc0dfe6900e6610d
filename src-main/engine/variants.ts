// convertModel: makes a variant (fp16, int8-weights, int8, uint8, uint16, onnx, tflite) of a model, validates it
// against the float32 source on real frames, and records its lineage. Workspace models (and bundled ids /
// paths without `out`, which are imported first) get the variant in `models/<parent>/variants/<vid>/`,
// registered in the manifest; with `out`, the variant is (also) written there: a directory for TF.js
// (model.json + shards), a file for ONNX and TFLite. An existing `out` is never overwritten. Validation runs on the
// variant while it is still in its temp folder: a variant that cannot be validated is never published.
// Variant ids: `<parent>-<kind>` for default options, `<parent>-<kind>-<6 hex of sha256(options)>` otherwise,
// so variants of one kind made with different options (int8 minmax vs entropy…) coexist.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DEFAULT_CALIBRATION_CLIP, type Args, type ConvertResult, type ValidationMetrics } from '../../src-shared/api';
import { variantFormatOf, type FileLineage, type ModelFormat, type VariantEntry, type VariantLineage } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { bundledClipPath, findBundledClip, sidecarPath } from '../models/catalog';
import { hashModel, modelFiles, modelSizeBytes } from '../models/hash';
import { stampOnnxLineage } from '../formats/onnx/edgelab-props';
import { stampTfliteLineage } from '../formats/tflite/edgelab-meta';
import { stampTfliteMetadata } from '../formats/tflite/metadata/write';
import { getTransform } from '../transforms/registry';
import { mixedPrecisionOnnx } from '../transforms/mixed-precision';
import type { TransformOutput } from '../transforms/types';
import { validationWarnings } from '../validation/detections';
import { DEFAULT_VALIDATION_FRAMES, MAX_VALIDATION_FRAMES, validateVariant } from '../validation/validate';
import { LOCK_MARK, withLockFile } from '../workspace/lock';
import { buildDirAtomic, writeJsonAtomic } from '../workspace/atomic';
import type { EngineCtx } from './context';
import { importModel } from './models';
import { resolveModel, type ResolvedModel } from './resolve';
import { recordExport } from './variant-export';
import { copyVariantTo, writeOut } from './variant-out';

type Kept = { name: string; reason: string };

/** The user's options that change the result, without undefined values (exclude sorted): the id hash input. */
export function variantOptions(args: Args<'convertModel'>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (args.compute !== undefined) o.compute = args.compute;
  if (args.calibration !== undefined) o.calibration = args.calibration;
  if (args.frames !== undefined) o.frames = args.frames;
  if (args.method !== undefined) o.method = args.method;
  if (args.percentile !== undefined) o.percentile = args.percentile;
  if (args.exclude?.length) o.exclude = [...new Set(args.exclude)].sort();
  if (args.targetSnrDb !== undefined) o.targetSnrDb = args.targetSnrDb;
  if (args.targetRecall !== undefined) o.targetRecall = args.targetRecall;
  if (args.reduceRange !== undefined) o.reduceRange = args.reduceRange;
  if (args.biasCorrection !== undefined) o.biasCorrection = args.biasCorrection;
  return o;
}

export function variantId(parent: string, kind: string, options: Record<string, unknown>): string {
  if (Object.keys(options).length === 0) return `${parent}-${kind}`;
  const h = createHash('sha256').update(JSON.stringify(options, Object.keys(options).sort())).digest('hex').slice(0, 6);
  return `${parent}-${kind}-${h}`;
}

/** Absolute clip or image folder for a bundled clip id or a path (through the host's path policy). */
async function resolveFrameSource(ctx: EngineCtx, given: string): Promise<string> {
  const b = findBundledClip(given);
  if (b) return bundledClipPath(b);
  const p = ctx.policy.resolveInput(given);
  await fs.stat(p).catch(() => {
    throw new EdgeLabError('BAD_INPUT', 'calibration source does not exist (give a clip, an image folder or a bundled clip id)', p);
  });
  return p;
}

interface Made {
  res: TransformOutput;
  validation?: ValidationMetrics;
  /** Sentences: the variant's detections disagree with float32 (validation/detections.ts). */
  warnings: string[];
}

export async function convertModel(ctx: EngineCtx, args: Args<'convertModel'>, job: JobContext): Promise<ConvertResult> {
  let src = await resolveModel(ctx, args.model);
  const out = args.out === undefined ? undefined : ctx.policy.resolveOutput(args.out);
  if (out !== undefined && (await exists(out))) throw new EdgeLabError('BAD_INPUT', 'output already exists; refusing to overwrite', out);
  if (src.variant) throw new EdgeLabError('BAD_INPUT', `${src.variant.id} is already a ${src.variant.kind} variant; convert its parent model`);
  // --target-snr / --target-recall on ONNX int8: the mixed-precision search (which runs the int8 transform itself) instead.
  const mixed = args.targetSnrDb !== undefined || args.targetRecall !== undefined;
  const transform = args.to === 'int8' && mixed && src.format === 'onnx' ? mixedPrecisionOnnx : getTransform(args.to, src.format);
  const variantFormat: ModelFormat = variantFormatOf(args.to, src.format);
  const options = variantOptions(args);
  const frameSourceGiven = args.calibration ?? DEFAULT_CALIBRATION_CLIP;
  const frameSource = await resolveFrameSource(ctx, frameSourceGiven);
  const settings: Record<string, unknown> = { ...options, calibration: frameSource, meta: src.meta };

  if (!src.entry && out === undefined) {
    const entry = await importModel(ctx, { source: args.model }, subJob(job, 0, 0.1, 'import'));
    src = await resolveModel(ctx, entry.id);
  }
  const sourceSizeBytes = await modelSizeBytes(src.mainFile);
  const fileLineage = lineageOf(src, args.to);
  checkCancelled(job);

  /** Runs the transform into `dir` and validates the result there (before anything is published). */
  const make = async (dir: string, j: JobContext): Promise<Made> => {
    const res = await transform.apply({ source: src.mainFile, outDir: dir, settings }, subJob(j, 0, 0.8));
    // the file itself records its kind, parent and (but for TF.js → ONNX, whose input is renamed) metadata
    if (variantFormat === 'onnx') await stampOnnxLineage(res.mainFile, fileLineage, args.to === 'onnx' ? undefined : src.meta);
    if (variantFormat === 'tflite') await stampTfliteLineage(res.mainFile, fileLineage, src.meta);
    // TFLite Metadata (the source .tflite's own, else normalisation, size, labels from its meta) so the MediaPipe
    // tasks accept the file; after the lineage stamp, which rewrites the FlatBuffer alone (the zip goes on the end)
    if (variantFormat === 'tflite') await stampTfliteMetadata(res.mainFile, src.meta, src.mainFile);
    let validation: ValidationMetrics | undefined;
    if (src.meta?.input) {
      validation = await validateVariant(
        {
          reference: { file: src.mainFile, format: src.format },
          variant: { file: res.mainFile, format: variantFormat },
          meta: src.meta,
          source: frameSource,
          frames: Math.min(args.frames ?? DEFAULT_VALIDATION_FRAMES, MAX_VALIDATION_FRAMES),
        },
        subJob(j, 0.8, 1, 'validate'),
      );
    }
    const int8Onnx = args.to === 'int8' && variantFormat === 'onnx' ? res.mainFile : undefined;
    return { res, validation, warnings: src.meta ? await validationWarnings(src.meta, src.mainFile, validation, int8Onnx) : [] };
  };
  const entryFor = async (id: string, parentId: string, mainFile: string, path: string, made: Made): Promise<VariantEntry> => {
    const calSha = made.res.settings?.calibrationSetSha256;
    const lineage: VariantLineage = {
      sourceSha256: src.entry?.sha256 ?? src.ref.sha256,
      kind: args.to,
      options,
      ...(args.to === 'int8' || args.calibration !== undefined ? { calibration: frameSourceGiven } : {}),
      ...(typeof calSha === 'string' ? { calibrationSha256: calSha } : {}),
    };
    return {
      id,
      parentId,
      kind: args.to,
      format: variantFormat,
      path,
      sizeBytes: await modelSizeBytes(mainFile),
      sha256: await hashModel(mainFile),
      createdAt: new Date().toISOString(),
      settings: { ...options, ...(made.res.settings ?? {}) },
      ...(made.res.keptFloat.length ? { keptFloat: made.res.keptFloat.map((k) => k.name) } : {}),
      ...(made.res.folded?.length ? { folded: made.res.folded } : {}),
      ...(made.validation ? { validation: made.validation } : {}),
      ...(made.warnings.length ? { warnings: made.warnings } : {}),
      lineage,
    };
  };

  const files: string[] = [];
  let variant: VariantEntry;
  let keptFloat: Kept[] = [];
  let output: string;
  let simulated = false;

  if (src.entry) {
    const entry = src.entry;
    const vid = variantId(entry.id, args.to, options);
    const target = ctx.policy.confine(ctx.ws.path('models', entry.id, 'variants', vid));
    // Identical converts at once (same workspace, same variant id) run one after the other: the first builds,
    // the later ones find its variant in the manifest and reuse it (they used to race on the same folder and
    // fail with a raw ENOTEMPTY from the rename, or remove the first one's fresh folder as an orphan).
    const release = await queueFor(target);
    try {
      // …and across processes (two CLIs, a CLI and the server): a lock file in the workspace root (outside the
      // variant folders, which hold only complete variants), freed by its holder or when the holder's process is
      // gone (never by age: a calibration can take minutes; Workspace.sweep removes a dead holder's lock).
      variant = await withLockFile(join(ctx.ws.dir, `${LOCK_MARK}variant-${vid}`), async () => {
        const known = (await ctx.ws.read()).models.find((x) => x.id === entry.id)?.variants.find((v) => v.id === vid);
        if (known && (await exists(ctx.ws.abs(known.path)))) {
          keptFloat = (known.keptFloat ?? []).map((name) => ({ name, reason: 'kept in float32 by the transform' }));
          files.push(...(await modelFiles(ctx.ws.abs(known.path))));
          return known;
        } else {
          await fs.rm(target, { recursive: true, force: true }); // a folder without manifest entry is an orphan
          const { made, rel } = await buildDirAtomic(target, async (tmp) => {
            const made = await make(tmp, subJob(job, 0.1, out ? 0.9 : 1, 'convert'));
            return { made, rel: relative(tmp, made.res.mainFile) };
          });
          keptFloat = made.res.keptFloat;
          const mainFile = join(target, rel);
          const v = await entryFor(vid, entry.id, mainFile, relative(ctx.ws.dir, mainFile), made);
          const registered = await ctx.ws.update((m) => {
            const parent = m.models.find((x) => x.id === entry.id);
            if (!parent) throw new EdgeLabError('NOT_FOUND', `model ${entry.id} was removed from the workspace meanwhile`);
            parent.variants = parent.variants.filter((x) => x.id !== vid).concat(v);
            return v;
          });
          files.push(...(await modelFiles(mainFile)));
          return registered;
        }
      }, { staleMs: Infinity, giveUpMs: VARIANT_LOCK_WAIT_MS });
    } finally {
      release();
    }
    simulated = variant.settings.simulated === true;
    output = ctx.ws.abs(variant.path);
    if (out !== undefined) {
      const written = await copyVariantTo(ctx.ws.abs(variant.path), variantFormat, out);
      files.push(...written);
      variant = await recordExport(ctx, variant, out);
      output = variantFormat !== 'tfjs-graph' ? out : join(out, relative(dirname(ctx.ws.abs(variant.path)), ctx.ws.abs(variant.path)));
    }
  } else {
    // Path or bundled id with `out`: write only there, register nothing.
    const o = out as string;
    const { mainFile, made } = await writeOut(variantFormat, o, (dir) => make(dir, subJob(job, 0, 1, 'convert')));
    keptFloat = made.res.keptFloat;
    const sha8 = src.ref.sha256.slice(0, 8);
    variant = await entryFor(variantId(sha8, args.to, options), src.bundledId ?? sha8, mainFile, mainFile, made);
    simulated = made.res.settings?.simulated === true;
    output = mainFile;
    files.push(...(await modelFiles(mainFile)));
  }
  // --out: a metadata sidecar beside the written variant (its parent's input spec, decoder and labels) so that
  // `replay --model <out>` runs it; not for `onnx`, whose TF.js → ONNX conversion renames the input.
  if (out !== undefined && src.meta && args.to !== 'onnx') {
    const side = sidecarPath(output);
    await writeJsonAtomic(side, { ...src.meta, lineage: fileLineage });
    files.push(side);
  }
  job.progress({ stage: 'done', fraction: 1 });
  return {
    variant,
    output,
    ...(variant.validation ? { validation: variant.validation } : {}),
    ...(simulated ? { simulated } : {}),
    files,
    sourceSizeBytes,
    sizeBytes: variant.sizeBytes,
    keptFloat,
    ...(variant.folded?.length ? { folded: variant.folded } : {}),
    warnings: variant.warnings ?? [],
  };
}

/** What a variant of `src` records of itself: its kind and its parent (the source's own parent's name when the source is a variant file). */
function lineageOf(src: ResolvedModel, kind: string): FileLineage {
  const id = src.entry?.id ?? src.bundledId;
  return { kind, parent: { name: src.entry?.name ?? src.ref.name, ...(id ? { id } : {}), sha256: src.entry?.sha256 ?? src.ref.sha256 } };
}

/** Tail of the queue of converts building each variant folder (absolute path), in this process. */
const building = new Map<string, Promise<void>>();

/** Waits until no earlier convert of `target` runs; returns the release the caller must call when done. */
/** How long a convert waits for another process building the same variant, ms. */
const VARIANT_LOCK_WAIT_MS = 30 * 60_000;

async function queueFor(target: string): Promise<() => void> {
  const prev = building.get(target) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = prev.then(() => mine);
  building.set(target, tail);
  await prev;
  return () => {
    release();
    if (building.get(target) === tail) building.delete(target);
  };
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}
