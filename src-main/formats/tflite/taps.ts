// TFLite taps (per-layer error, mixed-precision ranking, the Graph view's SNR colours on a .tflite): LiteRT.js
// returns only a model's subgraph outputs, so — onnxruntime's augmented-model idea, as the int8 calibration copy
// (transforms/quant-tflite/augment.ts) — the runtime loads a COPY of the model (IR read with read-model.ts,
// serialised with writer.ts, handed over as bytes: no temp file) in which every tapped tensor is also a subgraph
// output. A quantized activation (int8 / uint8 / int16 with one scale) is tapped through a DEQUANTIZE added to
// the copy: its float32 output carries the tensor's own name (the int8 tensor is renamed `<name>#q` in the copy),
// so a float32 .tflite and its int8 variant pair tensor for tensor by name (the int8 transform keeps names), and
// the values compared are what the int8 graph holds (real = scale · (q − zero point)).
// A tap's node is named after the tensor it writes (TFLite operators have no names; TF's converter names tensors
// after the ops that write them). 'float-intermediates' taps output 0 of every operator whose result is a float
// or per-tensor-quantized activation; graph inputs are not tapped. `reduce: 'minmax'` is not reduced in the graph
// here: the whole tensor is returned (runtimes/tapped.ts accepts both).
import { promises as fs } from 'node:fs';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { TapInfo, Tapper, TapRequest } from '../types';
import { addTensor, type TfliteModel } from './model-ir';
import { readTfliteModel } from './read-model';
import { serializeTflite } from './writer';

const QUANTIZED = new Set(['int8', 'uint8', 'int16']);

/** A tensor index the copy can expose as float32: float activations directly, per-tensor quantized ones dequantized. */
function tappable(m: TfliteModel, i: number): boolean {
  const t = m.tensors[i];
  if (!t || t.data !== undefined) return false;
  if (t.type === 'float32') return true;
  return QUANTIZED.has(t.type) && t.quant?.scale.length === 1;
}

/** The taps of `request` and the copy of `model` that returns them (IR in, IR out; the source is not modified). */
export function tfliteTapList(model: TfliteModel, file: string, request: TapRequest): { taps: TapInfo[]; copy: TfliteModel } {
  const producer = new Map<number, number>();
  model.operators.forEach((op, k) => op.outputs.forEach((o) => producer.set(o, k)));
  const inputs = new Set(model.inputs);
  const info = (i: number): TapInfo => {
    const t = model.tensors[i];
    const op = producer.get(i);
    if (op === undefined) return { tensor: t.name, node: t.name, op: 'Input', inputs: [] };
    const o = model.operators[op];
    return { tensor: t.name, node: t.name, op: o.op === 'CUSTOM' ? `CUSTOM:${o.customCode ?? '?'}` : o.op, inputs: o.inputs.filter((x) => x >= 0).map((x) => model.tensors[x].name) };
  };
  let chosen: number[];
  if (request === 'float-intermediates') {
    chosen = model.operators.map((op) => op.outputs[0]).filter((o) => o !== undefined && !inputs.has(o) && tappable(model, o));
  } else {
    const byName = new Map<string, number>();
    model.tensors.forEach((t, i) => {
      if (!byName.has(t.name) && t.data === undefined) byName.set(t.name, i);
    });
    chosen = [...new Set(request.tensors)].map((name) => {
      const i = byName.get(name);
      if (i === undefined) throw new EdgeLabError('BAD_INPUT', `no tensor named '${name}' in the model`, file);
      if (!tappable(model, i) && !inputs.has(i)) throw new EdgeLabError('BAD_INPUT', `tensor '${name}' is ${model.tensors[i].type}${model.tensors[i].quant ? ' per-channel quantized' : ''}: only float or per-tensor quantized activations can be tapped`, file);
      return i;
    });
  }
  const taps = [...new Set(chosen)].map(info);
  const copy: TfliteModel = { ...model, tensors: [...model.tensors], operators: [...model.operators], outputs: [...model.outputs], signatures: undefined, description: `${model.description} (EdgeLab taps)` };
  const outs = new Set(copy.outputs);
  for (const i of new Set(chosen)) {
    const t = model.tensors[i];
    if (t.type === 'float32') {
      if (!outs.has(i)) copy.outputs.push(i);
      outs.add(i);
      continue;
    }
    // Quantized: rename the stored tensor, dequantize it into a float32 tensor that takes its name.
    copy.tensors[i] = { ...t, name: `${t.name}#q` };
    const f = addTensor(copy, { name: t.name, type: 'float32', shape: [...t.shape], ...(t.shapeSignature ? { shapeSignature: [...t.shapeSignature] } : {}) });
    copy.operators.push({ op: 'DEQUANTIZE', inputs: [i], outputs: [f], version: t.type === 'int16' ? 4 : 2 });
    copy.outputs.push(f);
  }
  return { taps, copy };
}

export const tfliteTapper: Tapper = {
  async plan(file, request) {
    const bytes = await fs.readFile(file).catch((e: Error) => {
      throw new EdgeLabError('NOT_FOUND', `cannot read: ${e.message}`, file);
    });
    const { taps, copy } = tfliteTapList(readTfliteModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file), file, request);
    return { taps, bytes: serializeTflite(copy) };
  },
};
