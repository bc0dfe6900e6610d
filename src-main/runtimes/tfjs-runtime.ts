// TF.js graph models on the backend chosen by tfjs-backend.ts. Every tensor created in run() is disposed
// before it returns: tf.memory().numTensors is back at its baseline after run() and after dispose().
import * as tf from '@tensorflow/tfjs';
import { EdgeLabError } from '../../src-shared/protocol';
import type { TensorInfo } from '../../src-shared/types/model';
import { ensureTfjsBackend } from './tfjs-backend';
import { needsAsync } from '../formats/tfjs/graph';
import { readTfjsModel } from '../formats/tfjs/io';
import type { HostTensor, LoadedModel, Runtime } from './types';

function info(ts: tf.ModelTensorInfo[]): TensorInfo[] {
  return ts.map((t) => ({ name: t.name, shape: (t.shape ?? []).map((d) => (d >= 0 ? d : -1)), dtype: t.dtype ? String(t.dtype) : 'unknown' }));
}

async function toHost(t: tf.Tensor): Promise<HostTensor> {
  const data = await t.data();
  if (t.dtype === 'float32') return { data: data as Float32Array, shape: t.shape, dtype: 'float32' };
  if (t.dtype === 'int32') return { data: data as Int32Array, shape: t.shape, dtype: 'int32' };
  if (t.dtype === 'bool') return { data: data as Uint8Array, shape: t.shape, dtype: 'uint8' };
  throw new EdgeLabError('UNSUPPORTED', `output dtype ${t.dtype} is not read by EdgeLab`);
}

export const tfjsRuntime: Runtime = {
  name: 'tfjs',
  formats: ['tfjs-graph'],
  async availability() {
    const b = await ensureTfjsBackend();
    return { available: true, backend: b.backend, detail: b.detail || undefined };
  },
  async load(path, options) {
    if (options?.bytes) throw new EdgeLabError('INTERNAL', 'the TF.js runtime loads model.json and its shards from disk, not from bytes', path);
    const backend = (await ensureTfjsBackend()).backend;
    const { json, artifacts } = await readTfjsModel(path);
    let model: tf.GraphModel;
    try {
      model = await tf.loadGraphModel({ load: async () => artifacts });
    } catch (e) {
      throw new EdgeLabError('BAD_INPUT', `TF.js graph model does not load: ${(e as Error).message.split('\n')[0]}`, path);
    }
    const isAsync = needsAsync(json.modelTopology);
    const inputs = info(model.inputs);
    const outputs = info(model.outputs);
    let disposed = false;
    const loaded: LoadedModel = {
      runtime: tfjsRuntime.name,
      backend,
      inputs,
      outputs,
      async run(feeds: Record<string, HostTensor>, fetch?: string[]) {
        if (disposed) throw new EdgeLabError('INTERNAL', 'model used after dispose', path);
        const names = fetch ?? outputs.map((o) => o.name);
        const inT: Record<string, tf.Tensor> = {};
        let outT: tf.Tensor[] = [];
        try {
          for (const [k, v] of Object.entries(feeds)) {
            inT[k] = tf.tensor(v.data, v.shape, v.dtype === 'uint8' ? 'int32' : v.dtype);
          }
          const r = isAsync ? await model.executeAsync(inT, names) : model.execute(inT, names);
          outT = Array.isArray(r) ? r : [r];
          const out: Record<string, HostTensor> = {};
          for (let i = 0; i < names.length; i++) out[names[i]] = await toHost(outT[i]);
          return out;
        } finally {
          tf.dispose(Object.values(inT));
          tf.dispose(outT);
        }
      },
      async dispose() {
        if (disposed) return;
        disposed = true;
        model.dispose();
      },
    };
    return loaded;
  },
};
