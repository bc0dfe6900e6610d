// TF.js graph model → float16 weight storage, in the stock TF.js manifest format that the tfjs converter
// writes for `--quantize_float16`: each converted entry keeps `dtype: "float32"` and gains
// `quantization: { dtype: "float16", original_dtype: "float32" }`, its bytes are IEEE half floats, and
// tfjs dequantizes them to float32 at load. The topology is copied unchanged.
// Per weight: float32 → float16; already float16-quantized → bytes copied; uint8/uint16-quantized →
// bytes copied as is (they are already ≤ 2 bytes per element and re-rounding would only add error);
// int32/bool/string/complex64 → copied, reported in keptFloat.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { writeFileAtomic } from '../workspace/atomic';
import { checkShards, elementCount, readGroupBuffers, readModelJson, stringWeightBytes, weightByteSize, type WeightEntry } from '../formats/tfjs/manifest';
import { encodeFloat16 } from '../formats/half';
import type { Transform, TransformInput, TransformOutput } from './types';
import { concatTyped } from '../../src-shared/typed-arrays';

/** Shard size the tfjs converter uses (4 MiB); the last shard holds the remainder. */
export const SHARD_BYTES = 4 * 1024 * 1024;

/** Splits `data` into SHARD_BYTES pieces named like the converter's output. */
export function splitShards(data: Uint8Array, group = 1): { name: string; bytes: Uint8Array }[] {
  const n = Math.max(1, Math.ceil(data.length / SHARD_BYTES));
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < n; i++) out.push({ name: `group${group}-shard${i + 1}of${n}.bin`, bytes: data.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES) });
  return out;
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const src = await readModelJson(input.source);
  await checkShards(src);
  const buffers = await readGroupBuffers(src);
  const total = src.groups.reduce((a, g) => a + g.weights.length, 0);
  const weights: WeightEntry[] = [];
  const parts: Uint8Array[] = [];
  const keptFloat: { name: string; reason: string }[] = [];
  let done = 0;
  let converted = 0;

  for (let gi = 0; gi < src.groups.length; gi++) {
    const buf = buffers[gi];
    let offset = 0;
    for (const w of src.groups[gi].weights) {
      checkCancelled(ctx);
      const count = elementCount(w.shape);
      const size = weightByteSize(w, src.mainFile) ?? stringWeightBytes(buf, offset, count, src.mainFile);
      const bytes = buf.subarray(offset, offset + size);
      offset += size;
      if (w.dtype === 'float32' && !w.quantization) {
        // Copy into an aligned buffer: a weight's offset in the shards need not be a multiple of 4.
        const f = new Float32Array(count);
        new Uint8Array(f.buffer).set(bytes);
        parts.push(new Uint8Array(encodeFloat16(f).buffer));
        weights.push({ ...w, quantization: { dtype: 'float16', original_dtype: 'float32' } });
        converted++;
      } else {
        parts.push(bytes);
        weights.push(w);
        if (!w.quantization) keptFloat.push({ name: w.name, reason: `${w.dtype} tensor: not a float32 weight, copied as is` });
        else if (w.quantization.dtype !== 'float16') {
          keptFloat.push({ name: w.name, reason: `already ${w.quantization.dtype}-quantized: copied as is` });
        }
      }
      done++;
      ctx.progress({ stage: 'fp16: weights', done, total, unit: 'tensors', fraction: (0.9 * done) / total });
    }
  }

  const data = concatTyped(parts, Uint8Array);
  const shards = splitShards(data);
  const json = { ...src.json, weightsManifest: [{ paths: shards.map((s) => s.name), weights }] };
  const mainFile = join(input.outDir, 'model.json');
  const written: string[] = [];
  try {
    for (const s of shards) {
      checkCancelled(ctx);
      const f = join(input.outDir, s.name);
      await writeFileAtomic(f, s.bytes);
      written.push(f);
    }
    checkCancelled(ctx);
    await writeFileAtomic(mainFile, JSON.stringify(json));
    written.push(mainFile);
  } catch (e) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw e;
  }
  ctx.progress({ stage: 'fp16: written', done: total, total, unit: 'tensors', fraction: 1 });
  return {
    mainFile,
    files: [mainFile, ...written.slice(0, -1)],
    keptFloat,
    settings: { storage: 'float16', compute: 'float32', convertedTensors: converted },
  };
}


export const fp16Tfjs: Transform = { kind: 'fp16', formats: ['tfjs-graph'], apply };
