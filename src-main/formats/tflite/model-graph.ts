// .tflite → ModelGraph (API `modelGraph`, the Graph view): subgraph 0's operators in execution order. TFLite
// operators have no names: a node is named after the tensor it writes first (TF's converter names tensors after
// the ops that write them), which is also the node name the .tflite taps give per-layer rows (taps.ts), so SNR
// colours land on the right node. Weights = constant tensors an operator reads (dtype as stored: float16 / int8
// weights show as such); quantization = every quantized tensor the operator reads or writes (scale, zero point,
// per-channel axis); attributes = the builtin options as read (options.ts).
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { GraphEdge, GraphNode, GraphPort, ModelGraph } from '../../../src-shared/types/graph';
import type { QuantParams } from '../../../src-shared/types/model';
import { EdgeLabError } from '../../../src-shared/protocol';
import { maxOf, minOf } from '../../../src-shared/extent';
import type { TfliteModel, TfliteTensor } from './model-ir';
import { readTfliteModel } from './read-model';

const SHOWN = 8;

function quantOf(t: TfliteTensor): QuantParams | undefined {
  const q = t.quant;
  if (!q || q.scale.length === 0) return undefined;
  const perChannel = q.scale.length > 1;
  return {
    tensor: t.name,
    dtype: t.type,
    scheme: perChannel ? 'per-channel' : 'per-tensor',
    ...(perChannel ? { axis: q.quantizedDimension ?? 0 } : {}),
    channels: q.scale.length,
    scale: q.scale.slice(0, SHOWN),
    zeroPoint: q.zeroPoint.slice(0, SHOWN),
    scaleRange: [minOf(q.scale), maxOf(q.scale)],
    role: t.data !== undefined ? 'weight' : 'activation',
  };
}

function optionText(v: number | boolean | string | number[]): string {
  if (Array.isArray(v)) return `[${v.slice(0, SHOWN).join(', ')}${v.length > SHOWN ? `, … (${v.length})` : ''}]`;
  return String(v);
}

export function tfliteModelGraph(m: TfliteModel, file: string): ModelGraph {
  const shapeOf = (t: TfliteTensor) => t.shapeSignature ?? t.shape;
  const producer = new Map<number, string>();
  const taken = new Set<string>();
  const nodes: GraphNode[] = m.operators.map((op, k) => {
    const first = op.outputs[0] !== undefined ? m.tensors[op.outputs[0]]?.name : undefined;
    let name = first ?? `${op.op}#${k}`;
    if (taken.has(name)) name = `${name}#${k}`;
    taken.add(name);
    for (const o of op.outputs) if (!producer.has(o)) producer.set(o, name);
    const read = op.inputs.filter((i) => i >= 0);
    const attributes: Record<string, string> = {};
    for (const [key, v] of Object.entries(op.options ?? {})) attributes[key] = optionText(v);
    // op.version is left out: it follows the tensors' element types (an int8 CONV_2D is version 3), not the maths,
    // and would mark every node of an int8 variant `changed` in the diff.
    if (op.customCode) attributes.custom_code = op.customCode;
    const weights = read.flatMap((i) => {
      const t = m.tensors[i];
      return t.data !== undefined ? [{ name: t.name, shape: [...t.shape], dtype: t.type }] : [];
    });
    const quantization = [...read, ...op.outputs].flatMap((i) => {
      const q = quantOf(m.tensors[i]);
      return q ? [q] : [];
    });
    return {
      name,
      op: op.op === 'CUSTOM' ? `CUSTOM:${op.customCode ?? '?'}` : op.op,
      inputs: read.map((i) => m.tensors[i].name),
      outputs: op.outputs.map((o) => m.tensors[o].name),
      attributes,
      weights,
      ...(quantization.length ? { quantization } : {}),
    };
  });
  const edges: GraphEdge[] = [];
  const readers = new Map<number, string[]>();
  m.operators.forEach((op, k) => {
    for (const i of op.inputs) {
      if (i < 0) continue;
      const from = producer.get(i);
      if (from !== undefined) edges.push({ tensor: m.tensors[i].name, from, to: nodes[k].name, shape: shapeOf(m.tensors[i]) });
      else if (m.tensors[i].data === undefined) readers.set(i, [...new Set([...(readers.get(i) ?? []), nodes[k].name])]);
    }
  });
  const port = (i: number, nodesOf: string[]): GraphPort => ({ name: m.tensors[i].name, shape: shapeOf(m.tensors[i]), dtype: m.tensors[i].type, nodes: nodesOf });
  return {
    model: file,
    format: 'tflite',
    nodes,
    edges,
    inputs: m.inputs.map((i) => port(i, readers.get(i) ?? [])),
    outputs: m.outputs.map((i) => port(i, producer.has(i) ? [producer.get(i)!] : [])),
  };
}

export async function readTfliteModelGraph(path: string): Promise<ModelGraph> {
  const file = resolve(path);
  const bytes = await fs.readFile(file).catch((e: Error) => {
    throw new EdgeLabError('NOT_FOUND', `cannot read: ${e.message}`, file);
  });
  return tfliteModelGraph(readTfliteModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file), file);
}
