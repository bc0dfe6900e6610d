// The TF.js graph-model file set: model.json (topology + weightsManifest) and its binary shards.
// Shared by the reader, hashing and the fp16 transform. Shard paths are relative to model.json's folder;
// a group's shards concatenated hold its weights back to back in manifest order (a weight may straddle
// shards), each weight taking product(shape) × bytes-per-element of its stored dtype.
import { promises as fs } from 'node:fs';
import { dirname, resolve, relative, isAbsolute, sep } from 'node:path';
import { z } from 'zod';
import { EdgeLabError } from '../../../src-shared/protocol';
import { readRegularFile } from '../../workspace/regular-file';
import { manifestStoredBytes } from './dtypes';

const quantizationSchema = z
  .object({
    dtype: z.string(),
    original_dtype: z.string().optional(),
    scale: z.number().optional(),
    min: z.number().optional(),
  })
  .passthrough();

const weightEntrySchema = z
  .object({
    name: z.string(),
    shape: z.array(z.number().int().min(0).max(2 ** 31 - 1)),
    dtype: z.string(),
    quantization: quantizationSchema.optional(),
  })
  .passthrough();

const groupSchema = z.object({ paths: z.array(z.string().min(1)), weights: z.array(weightEntrySchema) }).passthrough();

const nodeSchema = z
  .object({
    name: z.string(),
    op: z.string(),
    input: z.array(z.string()).optional(),
    attr: z.record(z.string(), z.any()).optional(),
  })
  .passthrough();

const modelJsonSchema = z
  .object({
    format: z.string().optional(),
    modelTopology: z
      .object({
        node: z.array(nodeSchema).optional(),
        library: z.any().optional(),
      })
      .passthrough(),
    weightsManifest: z.array(groupSchema),
    signature: z.any().optional(),
  })
  .passthrough();

export type WeightEntry = z.infer<typeof weightEntrySchema>;
export type TfNode = z.infer<typeof nodeSchema>;
export type ModelJson = z.infer<typeof modelJsonSchema>;

export interface ShardGroup {
  /** Absolute shard paths, in manifest order. */
  paths: string[];
  weights: WeightEntry[];
  /** Bytes the weights need at least (a string element counts its 4-byte length prefix; its text is data-dependent). */
  declaredBytes: number;
}

export interface TfjsModelFiles {
  mainFile: string;
  json: ModelJson;
  groups: ShardGroup[];
  /** Every shard, absolute, manifest order (groups in order, paths in order). */
  shards: string[];
}

/** What the size of a weight depends on: a manifest entry here or tfjs's own WeightsManifestEntry. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

/** Stored dtype of a weight: the quantization dtype when quantized (float16/uint8/uint16), else its dtype. */
export function storedDtype(w: WeightSpec): string {
  return w.quantization?.dtype ?? w.dtype;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Bytes a weight occupies in the shards, or undefined for variable-length (string) weights. */
export function weightByteSize(w: WeightSpec, file: string): number | undefined {
  const dt = storedDtype(w);
  if (dt === 'string') return undefined;
  const per = manifestStoredBytes(dt);
  if (per === undefined) throw new EdgeLabError('BAD_INPUT', `weight '${w.name}' has unknown dtype '${dt}'`, file);
  return elementCount(w.shape) * per;
}

/** A string weight is stored as, per element, a u32 (little endian) byte length then the bytes. */
const STRING_PREFIX_BYTES = 4;

/** Bytes of a string weight of `count` elements stored at `offset` of `buf`: walks the length prefixes, at most
 *  buf.length / 4 of them (a count the buffer cannot hold is refused before walking). BAD_INPUT naming `file`. */
export function stringWeightBytes(buf: Uint8Array, offset: number, count: number, file: string): number {
  const past = () => new EdgeLabError('BAD_INPUT', `string weight of ${count} elements runs past the end of its shards (${buf.length} bytes)`, file);
  if (!(count >= 0) || offset + STRING_PREFIX_BYTES * count > buf.length) throw past();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + STRING_PREFIX_BYTES > buf.length) throw past();
    p += STRING_PREFIX_BYTES + view.getUint32(p, true);
  }
  if (p > buf.length) throw past();
  return p - offset;
}

/** Checks that the weights, in order, fit in `buf` (a group's shards concatenated): numeric ones by shape × dtype
 *  size, string ones by walking their length prefixes. Throws BAD_INPUT naming `file` (the model.json). */
export function checkWeightsFit(weights: readonly WeightSpec[], buf: Uint8Array, file: string): void {
  let offset = 0;
  for (const w of weights) {
    offset += weightByteSize(w, file) ?? stringWeightBytes(buf, offset, elementCount(w.shape), file);
    if (offset > buf.length) {
      throw new EdgeLabError('BAD_INPUT', `weight shard too short: weight '${w.name}' ends at byte ${offset}, the shards hold ${buf.length}`, file);
    }
  }
}

/** Parses model.json (no shard reads). Throws BAD_INPUT naming the file on bad JSON or a non-graph-model layout. */
export async function readModelJson(mainFile: string): Promise<TfjsModelFiles> {
  let text: string;
  try {
    text = (await readRegularFile(mainFile, 'model.json')).toString('utf8');
  } catch (e) {
    if (e instanceof EdgeLabError && e.code === 'BAD_INPUT') throw e;
    throw new EdgeLabError('NOT_FOUND', `cannot read: ${(e as Error).message}`, mainFile);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const hint = text.length === 0 ? 'empty file' : `not valid JSON (truncated?): ${(e as Error).message}`;
    throw new EdgeLabError('BAD_INPUT', `not a TF.js model.json: ${hint}`, mainFile);
  }
  if (raw && typeof raw === 'object' && ((raw as { format?: unknown }).format === 'layers-model' || isLayersTopology(raw))) {
    throw new EdgeLabError(
      'BAD_INPUT',
      'a TF.js layers model, not a graph model (convert it with tensorflowjs_converter --output_format tfjs_graph_model)',
      mainFile,
    );
  }
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'document';
    throw new EdgeLabError('BAD_INPUT', `not a TF.js graph model.json: ${where}: ${first?.message ?? 'invalid'}`, mainFile);
  }
  const json = parsed.data;
  const dir = dirname(resolve(mainFile));
  const groups = json.weightsManifest.map((g) => {
    const paths = g.paths.map((p) => shardPath(dir, p, mainFile));
    let declared = 0;
    for (const w of g.weights) declared += weightByteSize(w, mainFile) ?? STRING_PREFIX_BYTES * elementCount(w.shape);
    return { paths, weights: g.weights, declaredBytes: declared };
  });
  return { mainFile: resolve(mainFile), json, groups, shards: groups.flatMap((g) => g.paths) };
}

function isLayersTopology(raw: object): boolean {
  const t = (raw as { modelTopology?: unknown }).modelTopology;
  return !!t && typeof t === 'object' && ('class_name' in t || 'model_config' in t);
}

/** Resolves a manifest path inside `dir`; a path escaping the model's folder is refused. */
function shardPath(dir: string, p: string, mainFile: string): string {
  const decoded = safeDecode(p);
  const abs = resolve(dir, decoded);
  const rel = relative(dir, abs);
  if (isAbsolute(decoded) || rel.startsWith('..' + sep) || rel === '..' || rel === '') {
    throw new EdgeLabError('BAD_INPUT', `weight shard path '${p}' points outside the model's folder`, mainFile);
  }
  return abs;
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/**
 * Checks every shard exists and each group's shards add up to at least the bytes its weights need.
 * Returns the shard sizes (bytes, same order as `files.shards`). Throws BAD_INPUT naming the shard.
 */
export async function checkShards(files: TfjsModelFiles): Promise<number[]> {
  const sizes: number[] = [];
  for (const g of files.groups) {
    const groupSizes: number[] = [];
    for (const p of g.paths) {
      let st;
      try {
        st = await fs.stat(p);
      } catch {
        throw new EdgeLabError('BAD_INPUT', `missing weight shard (listed in ${files.mainFile})`, p);
      }
      if (!st.isFile()) throw new EdgeLabError('BAD_INPUT', `weight shard is not a file`, p);
      groupSizes.push(st.size);
    }
    const total = groupSizes.reduce((a, b) => a + b, 0);
    if (total < g.declaredBytes) {
      throw new EdgeLabError(
        'BAD_INPUT',
        `weight shard too short: the group's shards hold ${total} bytes, the manifest of ${files.mainFile} declares ${g.declaredBytes}`,
        shortShard(g.paths, groupSizes),
      );
    }
    sizes.push(...groupSizes);
  }
  return sizes;
}

/** The shard to blame for a short group: the first non-final shard smaller than the first one, else the last. */
function shortShard(paths: string[], sizes: number[]): string {
  for (let i = 1; i < paths.length - 1; i++) if (sizes[i] < sizes[0]) return paths[i];
  if (paths.length > 1 && sizes[0] < sizes[1]) return paths[0];
  return paths[paths.length - 1] ?? '(no shard)';
}

/** Reads each group's shards concatenated (one buffer per group, manifest order). Call checkShards first. */
export async function readGroupBuffers(files: TfjsModelFiles): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const g of files.groups) {
    const parts = await Promise.all(g.paths.map((p) => fs.readFile(p)));
    out.push(parts.length === 1 ? parts[0] : Buffer.concat(parts));
  }
  return out;
}
