// ONNX → ModelGraph (API `modelGraph`, the Graph view): the top-level graph's nodes in file order, an edge per
// (node input produced by another node), weights = initializers a node reads, Q/DQ quantization parameters
// (inspect-extra.ts), shapes from the graph's value_info / inputs / outputs where recorded, each node output's
// element type (tensor-types.ts: recorded or inferred forward).
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { onnx } from 'onnx-proto';
import type { GraphEdge, GraphNode, GraphPort, ModelGraph } from '../../../src-shared/types/graph';
import type { QuantParams } from '../../../src-shared/types/model';
import { EdgeLabError } from '../../../src-shared/protocol';
import { decodeOnnx, num } from './codec';
import { dtypeName } from './dtypes';
import { onnxInspectExtra } from './inspect-extra';
import { tensorTypes } from './tensor-types';

/** Values shown of a list attribute before "…". */
const LIST_SHOWN = 8;

function list(xs: readonly (string | number)[]): string {
  const shown = xs.slice(0, LIST_SHOWN).join(', ');
  return `[${shown}${xs.length > LIST_SHOWN ? `, … (${xs.length})` : ''}]`;
}

/** Short text of an attribute's value (AttributeProto.type codes: onnx.proto AttributeType). */
export function onnxAttrText(a: onnx.IAttributeProto): string {
  const text = (b: Uint8Array | null | undefined) => new TextDecoder().decode(b ?? new Uint8Array());
  switch (a.type) {
    case 1: return String(a.f ?? 0);
    case 2: return String(num(a.i));
    case 3: return JSON.stringify(text(a.s));
    case 4: return `tensor ${dtypeName(a.t?.dataType)} ${list((a.t?.dims ?? []).map(num))}`;
    case 5: return `graph (${a.g?.node?.length ?? 0} nodes)`;
    case 6: return list((a.floats ?? []).map((x) => Number(x)));
    case 7: return list((a.ints ?? []).map(num));
    case 8: return list((a.strings ?? []).map((s) => JSON.stringify(text(s))));
    case 10: return `${a.graphs?.length ?? 0} graphs`;
    default: return '?';
  }
}

function shapeOf(v: onnx.IValueInfoProto): number[] | undefined {
  const dims = v.type?.tensorType?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d) => (d.dimValue === null || d.dimValue === undefined || d.dimParam ? -1 : num(d.dimValue)));
}

export function onnxModelGraph(bytes: Uint8Array, file: string): ModelGraph {
  const g = decodeOnnx(bytes, file).graph!;
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const shapes = new Map<string, number[]>();
  for (const v of [...(g.input ?? []), ...(g.valueInfo ?? []), ...(g.output ?? [])]) {
    const s = shapeOf(v);
    if (v.name && s) shapes.set(v.name, s);
  }
  const types = tensorTypes(g);
  const quant = new Map<string, QuantParams>();
  for (const q of onnxInspectExtra(g).quantization) quant.set(q.tensor, q);

  const producer = new Map<string, string>();
  const taken = new Set<string>();
  const nodes: GraphNode[] = (g.node ?? []).map((n, i) => {
    // Names are optional and not always unique in ONNX; the view needs one key per node.
    let name = n.name ? n.name : `${n.opType}#${i}`;
    if (taken.has(name)) name = `${name}#${i}`;
    taken.add(name);
    const op = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : (n.opType ?? '?');
    const inputs = (n.input ?? []).filter((x) => x);
    const outputs = (n.output ?? []).filter((x) => x);
    for (const o of outputs) if (!producer.has(o)) producer.set(o, name);
    const attributes: Record<string, string> = {};
    for (const a of n.attribute ?? []) attributes[a.name ?? '?'] = onnxAttrText(a);
    const weights = inputs.flatMap((x) => {
      const t = inits.get(x);
      return t ? [{ name: x, shape: (t.dims ?? []).map(num), dtype: dtypeName(t.dataType) }] : [];
    });
    const q = op === 'QuantizeLinear' || op === 'DequantizeLinear' ? quant.get(inputs[0] ?? '') : undefined;
    const outputDtypes = outputs.map((o) => (types.has(o) ? dtypeName(types.get(o)) : 'unknown'));
    return { name, op, inputs, outputs, outputDtypes, attributes, weights, ...(q ? { quantization: [q] } : {}) };
  });

  const edges: GraphEdge[] = [];
  const readers = new Map<string, string[]>();
  for (const n of nodes) {
    for (const t of n.inputs) {
      const from = producer.get(t);
      if (from !== undefined) {
        const shape = shapes.get(t);
        edges.push({ tensor: t, from, to: n.name, ...(shape ? { shape } : {}) });
      } else if (!inits.has(t)) readers.set(t, [...(readers.get(t) ?? []), n.name]);
    }
  }
  const port = (v: onnx.IValueInfoProto, nodesOf: string[]): GraphPort => ({
    name: v.name ?? '',
    shape: shapeOf(v) ?? [],
    dtype: dtypeName(v.type?.tensorType?.elemType),
    nodes: nodesOf,
  });
  const inputs = (g.input ?? []).filter((v) => !inits.has(v.name ?? '')).map((v) => port(v, [...new Set(readers.get(v.name ?? '') ?? [])]));
  const outputs = (g.output ?? []).map((v) => port(v, producer.has(v.name ?? '') ? [producer.get(v.name ?? '')!] : []));
  return { model: file, format: 'onnx', nodes, edges, inputs, outputs };
}

export async function readOnnxModelGraph(path: string): Promise<ModelGraph> {
  const file = resolve(path);
  const bytes = await fs.readFile(file).catch((e: Error) => {
    throw new EdgeLabError('NOT_FOUND', `cannot read: ${e.message}`, file);
  });
  return onnxModelGraph(bytes, file);
}
