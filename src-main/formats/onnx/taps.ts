// ONNX taps: which tensors of a model can be tapped, and the copy of the model that exposes them — each tapped
// tensor added as a graph output (formats/onnx/edit.ts addGraphOutputs, onnxruntime's augmented-model idea).
// Requesting a tensor as a graph output keeps it through ORT's graph optimisations, so each tapped node is
// measured as the (QDQ-)graph defines it, in float arithmetic. 'float-intermediates' taps output 0 of every
// node whose type (tensor-types.ts forward pass) is float32 or float16; runtimes/tapped.ts loads the copy.
import { promises as fs } from 'node:fs';
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { SampledTap, TapInfo, Tapper, TapRequest } from '../types';
import { decodeOnnx, encodeOnnx } from './codec';
import { DT, isFloatActivation } from './dtypes';
import { addGraphOutputs, defaultOpset, namesInUse } from './edit';
import { addExtremeNodes, addSampleNodes, SAMPLE_MIN_OPSET, SAMPLE_TARGET } from './tap-sample';
import { tensorTypes } from './tensor-types';

/** The taps of `request` and the serialized copy of the model listing them as graph outputs. */
export function onnxTapList(
  bytes: Uint8Array,
  file: string,
  request: TapRequest,
): { taps: TapInfo[]; augmented: Uint8Array; reduced?: Map<string, [string, string]>; sampled?: Map<string, SampledTap> } {
  const model = decodeOnnx(bytes, file);
  const g = model.graph!;
  const types = tensorTypes(g);
  const producers = new Map<string, TapInfo>();
  (g.node ?? []).forEach((n, i) => {
    const info = { node: n.name ? n.name : `${n.opType}#${i}`, op: n.opType ?? '?', inputs: (n.input ?? []).filter((x) => x) };
    for (const o of n.output ?? []) if (o && !producers.has(o)) producers.set(o, { tensor: o, ...info });
  });
  let taps: TapInfo[];
  if (request === 'float-intermediates') {
    // QDQ: tensor → QuantizeLinear → DequantizeLinear, the value consumers read (TapInfo.dequantized).
    const consumers = new Map<string, onnx.INodeProto[]>();
    for (const n of g.node ?? []) for (const x of n.input ?? []) if (x) consumers.set(x, [...(consumers.get(x) ?? []), n]);
    const dequantized = (t: string) => {
      for (const q of consumers.get(t) ?? []) {
        if (q.opType !== 'QuantizeLinear' || q.input?.[0] !== t) continue;
        const d = (consumers.get(q.output?.[0] ?? '') ?? []).find((n) => n.opType === 'DequantizeLinear');
        if (d?.output?.[0]) return d.output[0];
      }
      return undefined;
    };
    taps = (g.node ?? []).flatMap((n) => {
      const t = n.output?.[0];
      if (!t || !isFloatActivation(types.get(t))) return [];
      const dq = dequantized(t);
      return [dq ? { ...producers.get(t)!, dequantized: dq } : producers.get(t)!];
    });
  } else {
    const known = new Set([...(g.input ?? []).map((v) => v.name ?? ''), ...(g.initializer ?? []).map((t) => t.name ?? '')]);
    taps = [...new Set(request.tensors)].map((t) => {
      const p = producers.get(t);
      if (p) return p;
      if (known.has(t)) return { tensor: t, node: t, op: 'Input', inputs: [] };
      throw new EdgeLabError('BAD_INPUT', `no tensor named '${t}' in the model`, file);
    });
  }
  if (request !== 'float-intermediates' && request.reduce === 'sample' && defaultOpset(model) >= SAMPLE_MIN_OPSET) {
    // Exact extremes + a strided sample per tensor, computed in the graph (tap-sample.ts), appended latest producer
    // first as the minmax reductions are (reduceOrder), so each tensor is freed once sampled.
    const taken = namesInUse(g);
    const consts = new Map<string, string>();
    const sampled = new Map<string, SampledTap>();
    const target = request.sampleTarget ?? SAMPLE_TARGET;
    for (const t of reduceOrder(g, taps)) sampled.set(t.tensor, addSampleNodes(g, t.tensor, target, taken, consts));
    addGraphOutputs(
      model,
      [...sampled.entries()].flatMap(([t, o]) => [
        { name: o.min, elemType: types.get(t) ?? DT.FLOAT },
        { name: o.max, elemType: types.get(t) ?? DT.FLOAT },
        { name: o.n, elemType: DT.INT64 },
        { name: o.sample, elemType: types.get(t) ?? DT.FLOAT },
      ]),
    );
    return { taps, augmented: encodeOnnx(model), sampled };
  }
  if (request !== 'float-intermediates' && request.reduce === 'minmax') {
    // ReduceMin / ReduceMax (tap-sample.ts addExtremeNodes): two scalars per tensor leave the runtime instead of it.
    const taken = namesInUse(g);
    const reduced = new Map<string, [string, string]>();
    for (const t of reduceOrder(g, taps)) reduced.set(t.tensor, addExtremeNodes(g, t.tensor, taken));
    addGraphOutputs(model, [...reduced.entries()].flatMap(([t, names]) => names.map((name) => ({ name, elemType: types.get(t) ?? DT.FLOAT }))));
    return { taps, augmented: encodeOnnx(model), reduced };
  }
  // Declared with the element type the graph gives them (float32 when it cannot be told), shape unknown.
  addGraphOutputs(model, taps.map((t) => ({ name: t.tensor, elemType: types.get(t.tensor) ?? DT.FLOAT })));
  return { taps, augmented: encodeOnnx(model) };
}

/**
 * `taps` in the order their Reduce nodes are appended: latest producer first, so the earliest tapped tensor's
 * reductions get the highest node indices. Why: onnxruntime's default execution order is a reverse DFS from the
 * graph's leaves, taking the highest-index leaf first and emitting each node after all its inputs. With the
 * reductions appended in producer order, the last one's leaf came first and pulled in the whole backbone before
 * any reduction ran, so every tapped tensor stayed alive until the end of the run (CenterNet at 512×512, 197
 * taps: calibration peak RSS 599 MB). Latest-first, each reduction runs as soon as its input exists and the
 * tensor is freed (394 MB, same ranges, same written bytes). Inputs and initializers (no producer) go last.
 */
export function reduceOrder(g: onnx.IGraphProto, taps: TapInfo[]): TapInfo[] {
  const producedAt = new Map<string, number>();
  (g.node ?? []).forEach((n, i) => {
    for (const o of n.output ?? []) if (o && !producedAt.has(o)) producedAt.set(o, i);
  });
  const at = (t: TapInfo) => producedAt.get(t.tensor) ?? -1;
  return [...taps].sort((a, b) => at(b) - at(a));
}

export const onnxTapper: Tapper = {
  async plan(file, request) {
    const bytes = await fs.readFile(file).catch((e: Error) => {
      throw new EdgeLabError('NOT_FOUND', `cannot read: ${e.message}`, file);
    });
    const { taps, augmented, reduced, sampled } = onnxTapList(bytes, file, request);
    return { taps, bytes: augmented, ...(reduced ? { reduced } : {}), ...(sampled ? { sampled } : {}) };
  },
};
