// Rewrites a TF.js graph model weight by weight into a new model.json + converter-style shards (the shard
// layout of fp16-tfjs.ts): shared by the uint8 / uint16 transforms and the simulated-int8 transform.
// The caller maps each manifest weight (with its stored bytes) to a new entry + bytes, may edit the
// topology and append weights. All weights go to one group, split into SHARD_BYTES shards.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { checkShards, elementCount, readGroupBuffers, readModelJson, stringWeightBytes, weightByteSize, type ModelJson, type TfjsModelFiles, type WeightEntry } from '../formats/tfjs/manifest';
import { writeFileAtomic } from '../workspace/atomic';
import { splitShards } from './fp16-tfjs';
import { decodeFloat16 } from '../formats/half';
import { concatTyped } from '../../src-shared/typed-arrays';

export interface StoredWeight {
  entry: WeightEntry;
  /** The weight's bytes as stored in the shards (a view; copy before keeping). */
  bytes: Uint8Array;
}

export interface RewriteSpec {
  /** Progress stage label, e.g. 'uint8: weights'. */
  stage: string;
  /** New entry + bytes for one weight (return the input to copy it unchanged). */
  weight(w: StoredWeight): StoredWeight;
  /** Topology edit, after every weight was visited. */
  topology?(json: ModelJson): ModelJson;
  /** Weights appended after the rewritten ones (e.g. constants of inserted nodes). */
  extra?(): StoredWeight[];
}

/** Reads `source` fully (model.json + shards, checked). */
export async function readTfjsWeights(source: string): Promise<{ model: TfjsModelFiles; weights: StoredWeight[] }> {
  const model = await readModelJson(source);
  await checkShards(model);
  const buffers = await readGroupBuffers(model);
  const weights: StoredWeight[] = [];
  model.groups.forEach((g, gi) => {
    const buf = buffers[gi];
    let offset = 0;
    for (const entry of g.weights) {
      const size = weightByteSize(entry, model.mainFile) ?? stringWeightBytes(buf, offset, elementCount(entry.shape), model.mainFile);
      weights.push({ entry, bytes: buf.subarray(offset, offset + size) });
      offset += size;
    }
  });
  return { model, weights };
}

/**
 * The float32 values of a float weight as stock tfjs would load them (plain float32, float16-, uint8- or
 * uint16-quantized), or undefined for non-float weights (int32, bool, string, complex64).
 */
export function floatValues(w: StoredWeight): Float32Array | undefined {
  const { entry, bytes } = w;
  if (entry.dtype !== 'float32') return undefined;
  const n = elementCount(entry.shape);
  const q = entry.quantization;
  if (!q) {
    const f = new Float32Array(n); // copy: a weight's offset in the shards need not be 4-aligned
    new Uint8Array(f.buffer).set(bytes);
    return f;
  }
  if (q.dtype === 'float16') {
    const h = new Uint16Array(n);
    new Uint8Array(h.buffer).set(bytes);
    return decodeFloat16(h);
  }
  if (q.dtype === 'uint8' || q.dtype === 'uint16') {
    if (q.scale === undefined || q.min === undefined) throw new EdgeLabError('BAD_INPUT', `weight '${entry.name}' is ${q.dtype}-quantized without scale/min`);
    const v = q.dtype === 'uint8' ? bytes : new Uint16Array(bytes.slice().buffer);
    const f = new Float32Array(n);
    for (let i = 0; i < n; i++) f[i] = v[i] * q.scale + q.min;
    return f;
  }
  throw new EdgeLabError('BAD_INPUT', `weight '${entry.name}' has unknown quantization dtype '${q.dtype}'`);
}


/**
 * Writes the rewritten model into `outDir`: shards first, model.json last; on any failure (cancel
 * included) removes what it wrote. Progress fraction runs over [0, 0.9] for weights, 1 when written.
 */
export async function rewriteTfjsModel(source: string, outDir: string, spec: RewriteSpec, ctx: JobContext): Promise<{ mainFile: string; files: string[] }> {
  const { model, weights } = await readTfjsWeights(source);
  const out: StoredWeight[] = [];
  const total = weights.length;
  for (let i = 0; i < total; i++) {
    checkCancelled(ctx);
    out.push(spec.weight(weights[i]));
    ctx.progress({ stage: spec.stage, done: i + 1, total, unit: 'tensors', fraction: (0.9 * (i + 1)) / total });
  }
  if (spec.extra) out.push(...spec.extra());
  const json0 = spec.topology ? spec.topology(model.json) : model.json;
  const shards = splitShards(concatTyped(out.map((w) => w.bytes), Uint8Array));
  const json = { ...json0, weightsManifest: [{ paths: shards.map((s) => s.name), weights: out.map((w) => w.entry) }] };
  const mainFile = join(outDir, 'model.json');
  const written: string[] = [];
  try {
    for (const s of shards) {
      checkCancelled(ctx);
      const f = join(outDir, s.name);
      await writeFileAtomic(f, s.bytes);
      written.push(f);
    }
    checkCancelled(ctx);
    await writeFileAtomic(mainFile, JSON.stringify(json));
  } catch (e) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw e;
  }
  ctx.progress({ stage: spec.stage, done: total, total, unit: 'tensors', fraction: 1 });
  return { mainFile, files: [mainFile, ...written] };
}
