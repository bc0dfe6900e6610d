// The probe: one run of the tapped TF.js model (runtimes/tapped.ts, opened by convert.ts) per chunk of tensor
// names on a real input, recording every tensor's concrete shape and dtype, and the values of the static tensors
// the converted graph reads. Chunked so that at most CHUNK intermediate tensors are alive at once. Const nodes are not fetched through the model (tfjs
// hands back its own weight tensor, which the runtime would dispose): their values come from
// tf.io.decodeWeights over the manifest, which also dequantizes float16/uint8/uint16 storage to float32.
import * as tf from '@tensorflow/tfjs';
import { readTfjsModel } from '../../formats/tfjs/io';
import type { HostTensor, LoadedModel } from '../../runtimes/types';
import type { ConstValue } from './builder';
import { checkCancelled, type JobContext } from '../../jobs/context';

const CHUNK = 48;

export interface TensorFact {
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  value?: ConstValue;
}

function dtypeOf(t: HostTensor, declared: string | undefined): TensorFact['dtype'] {
  if (t.dtype === 'uint8' || declared === 'bool') return 'bool';
  return t.dtype === 'int32' ? 'int32' : 'float32';
}

/**
 * Runs `model` on `feeds` fetching `names` (TF tensor keys); keeps values for `keep`.
 * `declared` gives the TF dtype of a tensor when known (bool comes back from tfjs as uint8).
 */
export async function probeTensors(
  model: LoadedModel,
  consts: Map<string, ConstValue>,
  feeds: Record<string, HostTensor>,
  names: string[],
  keep: Set<string>,
  declared: (name: string) => string | undefined,
  ctx: JobContext,
  onChunk: (done: number, total: number) => void,
): Promise<Map<string, TensorFact>> {
  const facts = new Map<string, TensorFact>();
  const todo = names.filter((n) => !(n in feeds) && !consts.has(n));
  for (const n of names) {
    const c = consts.get(n);
    if (c) facts.set(n, { shape: c.shape, dtype: c.dtype === 'int64' ? 'int32' : c.dtype, ...(keep.has(n) ? { value: c } : {}) });
  }
  for (const [k, v] of Object.entries(feeds)) facts.set(k, { shape: v.shape, dtype: dtypeOf(v, declared(k)), ...(keep.has(k) ? { value: hostToConst(v, declared(k)) } : {}) });
  for (let i = 0; i < todo.length; i += CHUNK) {
    checkCancelled(ctx);
    const chunk = todo.slice(i, i + CHUNK);
    const out = await model.run(feeds, chunk);
    for (const name of chunk) {
      const t = out[name];
      const fact: TensorFact = { shape: [...t.shape], dtype: dtypeOf(t, declared(name)) };
      if (keep.has(name)) fact.value = hostToConst(t, declared(name));
      facts.set(name, fact);
    }
    onChunk(Math.min(i + CHUNK, todo.length), todo.length);
  }
  return facts;
}

function hostToConst(t: HostTensor, declared: string | undefined): ConstValue {
  if (t.dtype === 'uint8' || declared === 'bool') return { dtype: 'bool', shape: [...t.shape], data: Uint8Array.from(t.data as ArrayLike<number>) };
  if (t.dtype === 'int32') return { dtype: 'int32', shape: [...t.shape], data: Int32Array.from(t.data as Int32Array) };
  return { dtype: 'float32', shape: [...t.shape], data: Float32Array.from(t.data as Float32Array) };
}

/** Every weight of the model.json's manifest as float32/int32/bool host values, by node name. */
export async function readConstants(modelJson: string): Promise<Map<string, ConstValue>> {
  const { artifacts } = await readTfjsModel(modelJson);
  const out = new Map<string, ConstValue>();
  const named = tf.io.decodeWeights(artifacts.weightData as ArrayBuffer, artifacts.weightSpecs ?? []);
  try {
    for (const [name, t] of Object.entries(named)) {
      const data = await t.data();
      const shape = [...t.shape];
      if (t.dtype === 'int32') out.set(name, { dtype: 'int32', shape, data: Int32Array.from(data as Int32Array) });
      else if (t.dtype === 'bool') out.set(name, { dtype: 'bool', shape, data: Uint8Array.from(data as Uint8Array) });
      else if (t.dtype === 'float32') out.set(name, { dtype: 'float32', shape, data: Float32Array.from(data as Float32Array) });
    }
  } finally {
    tf.dispose(Object.values(named));
  }
  return out;
}
