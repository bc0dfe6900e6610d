// An embedder: a model run through the runtime registry on an RGB crop, preprocessed as its metadata says,
// fetching `embedding.output`; a spatial feature map [1,H,W,C] (NHWC), or [1,C,H,W] (NCHW, when only its axis 1
// is C), is global-average-pooled to C values when `embedding.pool` is 'mean'. Vectors are L2-normalised (cosine similarity = dot product).
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat, ModelMeta } from '../../src-shared/types/model';
import { preprocess } from '../pipeline/nodes/preprocess';
import { runtimeFor } from '../runtimes/registry';
import type { HostTensor } from '../runtimes/types';
import type { RgbImage } from './crop';

export interface Embedder {
  dims: number;
  output: string;
  runtime: string;
  backend: string;
  /** One L2-normalised vector of `dims` values. */
  embed(img: RgbImage): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** Reduces a model output to the embedding: as is (`dims` values) or mean over all but the channel axis (last, or 1 of NCHW). */
export function poolOutput(t: HostTensor, dims: number, pool: 'none' | 'mean', file?: string): Float32Array {
  const data = t.data;
  const c = t.shape[t.shape.length - 1];
  if (pool === 'mean' && c !== dims && t.shape.length === 4 && t.shape[1] === dims) {
    // NCHW feature map [1, D, h, w] (torchvision backbones): mean of each channel plane
    const hw = data.length / dims;
    const out = new Float32Array(dims);
    for (let k = 0; k < dims; k++) {
      let sum = 0;
      for (let i = k * hw; i < (k + 1) * hw; i++) sum += data[i];
      out[k] = sum / hw;
    }
    return out;
  }
  if (pool === 'mean') {
    if (c !== dims || data.length % c !== 0) {
      throw new EdgeLabError('BAD_INPUT', `embedder output shape [${t.shape.join(',')}] does not end in ${dims} channels (metadata embedding.dims)`, file);
    }
    const out = new Float32Array(c);
    const n = data.length / c;
    for (let i = 0; i < data.length; i++) out[i % c] += data[i];
    for (let k = 0; k < c; k++) out[k] /= n;
    return out;
  }
  if (data.length !== dims) {
    throw new EdgeLabError('BAD_INPUT', `embedder output has ${data.length} values (shape [${t.shape.join(',')}]), metadata says ${dims}`, file);
  }
  return Float32Array.from(data);
}

export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] *= k;
  return v;
}

export async function openEmbedder(path: string, format: ModelFormat, meta: ModelMeta, opts: { threads?: number } = {}): Promise<Embedder> {
  if (meta.task !== 'embedder' || !meta.embedding) {
    throw new EdgeLabError('BAD_INPUT', `an embedder needs metadata with task 'embedder' and an embedding spec (this is a ${meta.task})`, path);
  }
  const spec = meta.embedding;
  const model = await (await runtimeFor(format)).load(path, opts);
  const inputName = meta.input.name ?? model.inputs[0]?.name ?? '';
  const pool = spec.pool ?? 'none';
  const run = async (img: RgbImage) => {
    const { tensor } = preprocess(img.rgb, img.width, img.height, meta.input);
    const out = await model.run({ [inputName]: tensor }, [spec.output]);
    const t = out[spec.output];
    if (!t) throw new EdgeLabError('BAD_INPUT', `embedder gave no output "${spec.output}"`, path);
    return l2normalize(poolOutput(t, spec.dims, pool, path));
  };
  try {
    // Warm-up and shape check on a grey image, so that a wrong spec fails before any run is written.
    await run({ rgb: new Uint8Array(16 * 16 * 3).fill(128), width: 16, height: 16 });
  } catch (e) {
    await model.dispose();
    throw e instanceof EdgeLabError ? e : new EdgeLabError('BAD_INPUT', `embedder does not run with its metadata: ${(e as Error).message}`, path);
  }
  return { dims: spec.dims, output: spec.output, runtime: model.runtime, backend: model.backend, embed: run, dispose: () => model.dispose() };
}
