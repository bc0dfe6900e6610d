// ONNX taps: a copy of the model whose graph outputs also list every float32/float16 node output (types
// from a forward element-type pass, quant/onnx-nodes.ts tensorTypes), loaded in onnxruntime-node from
// memory. Requesting a tensor as a graph output keeps it through ORT's graph optimisations, so each tapped
// node is measured as the (QDQ-)graph defines it, in float arithmetic.
import { promises as fs } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { EdgeLabError } from '../../src-shared/protocol';
import { decodeOnnx, onnxPb } from '../formats/onnx/codec';
import { cpuSessionOptions, ONNX_DEFAULT_THREADS } from '../runtimes/onnx-runtime';
import type { HostTensor } from '../runtimes/types';
import { float16BitsToFloat32 } from '../formats/half';
import { DT } from '../formats/onnx/dtypes';
import { tensorTypes } from '../formats/onnx/tensor-types';
import type { TappedModel, TapInfo } from './taps';

/** Tensors we tap: float32 and float16 (widened to float32 when read). */
const TAPPABLE = new Set<number>([DT.FLOAT, DT.FLOAT16]);

export function onnxTapList(bytes: Uint8Array, file: string): { taps: TapInfo[]; augmented: Uint8Array; inputNames: string[] } {
  const model = decodeOnnx(bytes, file);
  const g = model.graph!;
  const types = tensorTypes(g);
  const inits = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
  const inputNames = (g.input ?? []).map((v) => v.name ?? '').filter((n) => n && !inits.has(n));
  const outputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const taps: TapInfo[] = [];
  (g.node ?? []).forEach((n, i) => {
    const t = n.output?.[0];
    const type = t ? types.get(t) : undefined;
    if (!t || type === undefined || !TAPPABLE.has(type)) return;
    taps.push({ tensor: t, node: n.name ? n.name : `${n.opType}#${i}`, op: n.opType ?? '?', inputs: (n.input ?? []).filter((x) => x) });
    if (!outputs.has(t)) {
      g.output!.push(onnxPb.ValueInfoProto.create({ name: t, type: onnxPb.TypeProto.create({ tensorType: onnxPb.TypeProto.Tensor.create({ elemType: type }) }) }));
      outputs.add(t);
    }
  });
  return { taps, augmented: onnxPb.ModelProto.encode(model).finish(), inputNames };
}

function toFloat(t: ort.Tensor): Float32Array {
  if (t.type === 'float32') return new Float32Array(t.data as Float32Array);
  if (t.type === 'float16') return Float32Array.from(t.data as Uint16Array, float16BitsToFloat32);
  return Float32Array.from(t.data as ArrayLike<number>, Number);
}

export async function openOnnxTaps(file: string): Promise<TappedModel> {
  const bytes = await fs.readFile(file).catch((e: Error) => {
    throw new EdgeLabError('NOT_FOUND', `cannot read: ${e.message}`, file);
  });
  const { taps, augmented, inputNames } = onnxTapList(bytes, file);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(augmented, cpuSessionOptions(ONNX_DEFAULT_THREADS));
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `model with every intermediate tensor exposed does not load: ${String((e as Error).message).split('\n')[0]}`, file);
  }
  return {
    file,
    inputNames,
    taps,
    async run(feeds: Record<string, HostTensor>, tensors?: string[]) {
      const names = [...new Set(tensors ?? taps.map((t) => t.tensor))];
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [k, v] of Object.entries(feeds)) ortFeeds[k] = new ort.Tensor(v.dtype, v.data, v.shape);
      const res = await session.run(ortFeeds, names);
      const out = new Map<string, Float32Array>();
      for (const n of names) {
        out.set(n, toFloat(res[n]));
        res[n].dispose();
      }
      return out;
    },
    async dispose() {
      await session.release();
    },
  };
}
