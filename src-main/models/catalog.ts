// Bundled assets: models/catalog.json (real models + ModelMeta) and samples/catalog.json (real clips).
// The asset root is the first folder holding models/catalog.json, found from $EDGELAB_ASSETS_DIR, else by
// walking up from this module (src-main/models/ under vitest, out/main/ in the bundle), else from cwd.
import { existsSync, readFileSync, promises as fs } from 'node:fs';
import { dirname, join, resolve, isAbsolute, parse as parsePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EdgeLabError } from '../../src-shared/protocol';
import { modelMetaSchema, parseModelMeta } from '../../src-shared/model-meta-schema';
import type { BundledClip, BundledModel, ModelMeta } from '../../src-shared/types/model';
import { decodeOnnx } from '../formats/onnx/codec';
import { lineageOfOnnx, metaOfOnnx } from '../formats/onnx/edgelab-props';
import { lineageOfTflite, metaOfTflite, readTfliteMetadata } from '../formats/tflite/edgelab-meta';
import { metaFromTfliteFile } from '../formats/tflite/metadata/meta-of-file';
import { getDecoder } from '../pipeline/decoders/registry';
import { hashModel } from './hash';
import { resolveAnchors } from './anchors-file';
import { resolveLabels } from './labels-file';
import { ultralyticsMeta } from './ultralytics';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const relPath = z.string().min(1).refine((p) => !isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'must stay inside its folder');

const bundledModelSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  format: z.enum(['onnx', 'tfjs-graph']),
  path: relPath,
  meta: modelMetaSchema,
  source: z.string(),
  licence: z.string(),
  sha256,
});
const bundledClipSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  path: relPath,
  description: z.string(),
  source: z.string(),
  licence: z.string(),
  sha256,
});

let rootCache: string | undefined;

function hasCatalog(dir: string): boolean {
  return existsSync(join(dir, 'models', 'catalog.json'));
}

function walkUp(start: string): string | undefined {
  let d = resolve(start);
  for (;;) {
    if (hasCatalog(d)) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Folder holding models/ and samples/. Throws INTERNAL when it cannot be found. */
export function assetsRoot(): string {
  const env = process.env.EDGELAB_ASSETS_DIR;
  if (env) {
    if (!hasCatalog(env)) throw new EdgeLabError('INTERNAL', `EDGELAB_ASSETS_DIR has no models/catalog.json`, env);
    return resolve(env);
  }
  if (rootCache) return rootCache;
  const here = typeof import.meta.url === 'string' && import.meta.url.startsWith('file:') ? dirname(fileURLToPath(import.meta.url)) : undefined;
  const found = (here && walkUp(here)) || walkUp(process.cwd());
  if (!found) throw new EdgeLabError('INTERNAL', 'cannot find the bundled assets (models/catalog.json); set EDGELAB_ASSETS_DIR');
  rootCache = found;
  return found;
}

/** Absolute path of the bundled models/ folder. */
export function bundledModelsDir(): string {
  return join(assetsRoot(), 'models');
}

/** Absolute path of the bundled samples/ folder. */
export function samplesDir(): string {
  return join(assetsRoot(), 'samples');
}

const catalogCache = new Map<string, unknown[]>();

/** Reads and validates a catalog once per process (bundled assets do not change while running). */
function readCatalog<T>(file: string, key: string, schema: z.ZodType<T>): T[] {
  const cached = catalogCache.get(file);
  if (cached) return cached as T[];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `catalog unreadable: ${(e as Error).message}`, file);
  }
  const r = z.object({ [key]: z.array(schema) }).safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new EdgeLabError('BAD_INPUT', `catalog entry invalid: ${first?.path.join('.')}: ${first?.message}`, file);
  }
  const entries = (r.data as Record<string, T[]>)[key];
  catalogCache.set(file, entries);
  return entries;
}

function bundledModelsSync(): BundledModel[] {
  return readCatalog(join(bundledModelsDir(), 'catalog.json'), 'models', bundledModelSchema);
}

function bundledClipsSync(): BundledClip[] {
  return readCatalog(join(samplesDir(), 'catalog.json'), 'clips', bundledClipSchema);
}

/** Entries of models/catalog.json, validated (meta included). `path` stays relative to bundledModelsDir(). */
export async function loadBundledModels(): Promise<BundledModel[]> {
  return structuredClone(bundledModelsSync());
}

/** Entries of samples/catalog.json, validated. `path` stays relative to samplesDir(). */
export async function loadBundledClips(): Promise<BundledClip[]> {
  return structuredClone(bundledClipsSync());
}

/** Absolute main file of a bundled model. */
export function bundledModelPath(m: BundledModel): string {
  return join(bundledModelsDir(), m.path);
}

/** Absolute file of a bundled clip. */
export function bundledClipPath(c: BundledClip): string {
  return join(samplesDir(), c.path);
}

/** By id, by catalog-relative path, or by absolute path of its main file (synchronous: the catalog is cached). */
export function findBundledModel(idOrPath: string): BundledModel | undefined {
  const hit = bundledModelsSync().find((m) => m.id === idOrPath || m.path === idOrPath || bundledModelPath(m) === resolve(idOrPath));
  return hit && structuredClone(hit);
}

/** By id, by samples-relative path, or by absolute path. */
export function findBundledClip(idOrPath: string): BundledClip | undefined {
  const hit = bundledClipsSync().find((c) => c.id === idOrPath || c.path === idOrPath || bundledClipPath(c) === resolve(idOrPath));
  return hit && structuredClone(hit);
}

/** `<main-file-without-ext>.edgelab.json` beside the model. */
export function sidecarPath(mainFile: string): string {
  const p = parsePath(resolve(mainFile));
  return join(p.dir, `${p.name}.edgelab.json`);
}

/**
 * Metadata for a model: its sidecar when one exists (invalid sidecar → BAD_INPUT naming it; a labels file
 * name resolved to its names, an anchors file to its rows), else the meta of the bundled catalog entry with the same hashModel() digest,
 * else an ONNX export's own metadata (Ultralytics metadata_props) or an EdgeLab .tflite variant's own record, else a
 * .tflite's TFLite Metadata (TFLITE_METADATA: input normalisation, labels, detections decoder), else undefined.
 */
export async function metaForModel(mainFile: string): Promise<ModelMeta | undefined> {
  const side = sidecarPath(mainFile);
  let text: string | undefined;
  try {
    text = await fs.readFile(side, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new EdgeLabError('BAD_INPUT', `sidecar is not valid JSON: ${(e as Error).message}`, side);
    }
    const r = parseModelMeta(raw);
    if (!r.ok) throw new EdgeLabError('BAD_INPUT', `sidecar is not a valid ModelMeta: ${r.problem}`, side);
    const meta = await resolveAnchors(await resolveLabels(r.meta, side), side);
    // Decoder params are checked now (typo, wrong type), naming the sidecar, not first at replay.
    if (meta.decoder) {
      try {
        getDecoder(meta.decoder, { input: meta.input });
      } catch (e) {
        if (e instanceof EdgeLabError) throw new EdgeLabError(e.code, `sidecar: ${e.message}`, side);
        throw e;
      }
    }
    // a variant's sidecar written by hand (or by an older EdgeLab) without lineage: the file's own metadata_props
    if (!meta.lineage && mainFile.toLowerCase().endsWith('.onnx')) {
      const lineage = await readOnnx(mainFile).then((m) => m && lineageOfOnnx(m));
      if (lineage) return { ...meta, lineage };
    }
    if (!meta.lineage && mainFile.toLowerCase().endsWith('.tflite')) {
      const lineage = await readTflite(mainFile).then((m) => m && lineageOfTflite(m));
      if (lineage) return { ...meta, lineage };
    }
    return meta;
  }
  const digest = await hashModel(mainFile);
  const hit = bundledModelsSync().find((m) => m.sha256 === digest);
  if (hit) return structuredClone(hit.meta);
  if (mainFile.toLowerCase().endsWith('.tflite')) {
    const own = await readTflite(mainFile).then((m) => m && metaOfTflite(m));
    return own ?? (await tfliteMetadataMeta(mainFile));
  }
  return mainFile.toLowerCase().endsWith('.onnx') ? embeddedOnnxMeta(mainFile) : undefined;
}

/** The metadata entries of a .tflite (EdgeLab's own record of a variant), or undefined when it does not read. */
async function readTflite(file: string): Promise<ReturnType<typeof readTfliteMetadata> | undefined> {
  try {
    return readTfliteMetadata(new Uint8Array(await fs.readFile(file)), file);
  } catch {
    return undefined; // not readable as TFLite: inspect/replay report that themselves
  }
}

/** What a .tflite's TFLite Metadata (TFLITE_METADATA + zipped labels) says, or undefined. A file that does not read
 *  as TFLite is left to inspect/replay; a corrupt metadata entry or zip tail is BAD_INPUT naming the file. */
async function tfliteMetadataMeta(file: string): Promise<ModelMeta | undefined> {
  const bytes = await fs.readFile(file).then((b) => new Uint8Array(b), () => undefined);
  if (!bytes || !(await readTflite(file))) return undefined;
  return metaFromTfliteFile(bytes, file);
}

/** Metadata an ONNX file carries itself (EdgeLab's edgelab.meta of a variant, an Ultralytics export's metadata_props), else undefined. */
async function embeddedOnnxMeta(file: string): Promise<ModelMeta | undefined> {
  const model = await readOnnx(file);
  return model && (metaOfOnnx(model) ?? ultralyticsMeta(model));
}

async function readOnnx(file: string): Promise<ReturnType<typeof decodeOnnx> | undefined> {
  try {
    return decodeOnnx(await fs.readFile(file), file);
  } catch {
    return undefined; // not readable as ONNX: inspect/replay report that themselves
  }
}
