// Plan and probe of an ONNX graph for the TFLite converter.
//  plan: the nodes the graph outputs need; which tensors are constant (initializers, Constant, Shape of a static
//  tensor, and every node whose inputs are all constant: Cast of an fp16 weight, Shape chains, ConstantOfShape…);
//  every remaining (dynamic) node must have an emitter, else the whole conversion is refused UP FRONT naming each
//  missing op with its count (nothing written).
//  probe: onnxruntime runs the graph once (zeros at the inputs, a dynamic batch at 1) with every needed tensor as an
//  extra output; it gives each tensor's concrete shape (TFLite tensors have static shapes) and the values of the
//  folded constants.
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { decodeOnnx, encodeOnnx, num, onnxPb, type ModelProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { tensorTypes } from '../../formats/onnx/tensor-types';
import { runtimeFor } from '../../runtimes/registry';
import type { HostTensor } from '../../runtimes/types';
import { initializerValue, kindOfOnnx, type ConstKind, type ConstVal } from './values';

/** Ops with no data dependence on the input: always folded. */
const ALWAYS_CONST = new Set(['Constant', 'Shape', 'Size', 'ConstantOfShape']);

export interface GraphInput {
  name: string;
  /** Declared shape, -1 for a dynamic dimension. */
  declared: number[];
  kind: ConstKind;
}

export interface GraphPlan {
  model: ModelProto;
  /** Nodes to emit, in graph (execution) order. */
  nodes: onnx.INodeProto[];
  inputs: GraphInput[];
  outputs: string[];
  /** Names of constant tensors (initializers and folded node outputs). */
  constNames: Set<string>;
  /** Initializer values (read from the file). */
  initializers: Map<string, ConstVal>;
  /** ONNX op → node count of the emitted nodes. */
  ops: Record<string, number>;
  /** Number of nodes folded into constants. */
  folded: number;
}

export function planGraph(bytes: Uint8Array, file: string, supported: (op: string) => boolean): GraphPlan {
  const model = decodeOnnx(bytes, file);
  const g = model.graph!;
  const initializers = new Map<string, ConstVal>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? '', initializerValue(t, file));
  const inputs: GraphInput[] = (g.input ?? [])
    .filter((v) => !initializers.has(v.name ?? ''))
    .map((v) => {
      const code = v.type?.tensorType?.elemType ?? 0;
      const kind = code === DT.FLOAT || code === DT.INT32 || code === DT.INT64 ? kindOfOnnx(code) : undefined;
      if (!kind) throw new EdgeLabError('UNSUPPORTED', `graph input '${v.name}' has ONNX element type ${v.type?.tensorType?.elemType}, which the TFLite converter does not take as an input (float32, int32 or int64)`, file);
      const declared = (v.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue !== null && d.dimValue !== undefined && num(d.dimValue) > 0 ? num(d.dimValue) : -1));
      if (declared.slice(1).some((d) => d < 0)) {
        throw new EdgeLabError('UNSUPPORTED', `graph input '${v.name}' has dynamic dimensions beyond the batch [${declared}]: TFLite tensors are static; export the model with a fixed input size`, file);
      }
      return { name: v.name ?? '', declared, kind };
    });
  const outputs = (g.output ?? []).map((v) => v.name ?? '');
  const producer = new Map<string, onnx.INodeProto>();
  for (const n of g.node ?? []) for (const o of n.output ?? []) if (o) producer.set(o, n);
  // the nodes the outputs need
  const needed = new Set<onnx.INodeProto>();
  const stack = [...outputs];
  while (stack.length) {
    const n = producer.get(stack.pop() as string);
    if (!n || needed.has(n)) continue;
    needed.add(n);
    for (const i of n.input ?? []) if (i) stack.push(i);
  }
  const constNames = new Set<string>(initializers.keys());
  const nodes: onnx.INodeProto[] = [];
  let folded = 0;
  for (const n of g.node ?? []) {
    if (!needed.has(n)) continue;
    const ins = (n.input ?? []).filter((x) => x);
    if (ALWAYS_CONST.has(n.opType ?? '') || (ins.length > 0 && ins.every((x) => constNames.has(x)))) {
      for (const o of n.output ?? []) if (o) constNames.add(o);
      folded++;
    } else nodes.push(n);
  }
  for (const o of outputs) if (constNames.has(o)) throw new EdgeLabError('UNSUPPORTED', `output '${o}' is a constant; nothing to convert`, file);
  const ops: Record<string, number> = {};
  for (const n of nodes) ops[n.opType ?? '?'] = (ops[n.opType ?? '?'] ?? 0) + 1;
  const missing = Object.entries(ops).filter(([op]) => !supported(op));
  if (missing.length) {
    const list = missing.map(([op, c]) => `${op} ×${c}`).join(', ');
    throw new EdgeLabError('UNSUPPORTED', `cannot convert to TFLite: no TFLite mapping for ${list} (nothing was written)`, file);
  }
  return { model, nodes, inputs, outputs, constNames, initializers, ops, folded };
}

export interface ProbeFacts {
  /** Concrete (logical, ONNX-layout) shape of every tensor the emitted nodes read or write. */
  shapes: Map<string, number[]>;
  /** Value kind of every such tensor. */
  kinds: Map<string, ConstKind>;
  /** Values of the folded constants (and the initializers). */
  consts: Map<string, ConstVal>;
}

function kindOfHost(t: HostTensor, declared: number | undefined): ConstKind {
  if (declared === DT.BOOL) return 'bool';
  return t.dtype === 'float32' ? 'float32' : 'int32';
}

/** Tensors fetched per probe run. */
const PROBE_SLICE = 64;

/** Runs the graph once on zeros with every needed tensor exposed; see the file header. */
export async function probeGraph(plan: GraphPlan, file: string): Promise<ProbeFacts> {
  const model = decodeOnnx(encodeOnnx(plan.model), file); // a copy: the plan's model stays as read
  const g = model.graph!;
  const types = tensorTypes(g);
  const wanted = new Set<string>();
  for (const n of plan.nodes) for (const t of [...(n.input ?? []), ...(n.output ?? [])]) if (t && !plan.initializers.has(t)) wanted.add(t);
  for (const n of plan.model.graph?.node ?? []) for (const o of n.output ?? []) if (o && plan.constNames.has(o)) wanted.add(o);
  const inputNames = new Set(plan.inputs.map((i) => i.name));
  const extra = [...wanted].filter((t) => !inputNames.has(t));
  // declared without a type: onnxruntime infers it (a guessed element type that is wrong would refuse the model)
  const have = new Set((g.output ?? []).map((v) => v.name));
  g.output = [...(g.output ?? []), ...extra.filter((name) => !have.has(name)).map((name) => onnxPb.ValueInfoProto.create({ name }))];
  const rt = await (await runtimeFor('onnx')).load(file, { bytes: encodeOnnx(model) });
  try {
    const feeds: Record<string, HostTensor> = {};
    const shapes = new Map<string, number[]>();
    const kinds = new Map<string, ConstKind>();
    for (const i of plan.inputs) {
      const shape = i.declared.map((d) => (d < 0 ? 1 : d));
      const n = shape.reduce((a, b) => a * b, 1);
      feeds[i.name] = i.kind === 'float32' ? { data: new Float32Array(n), shape, dtype: 'float32' } : { data: new Int32Array(n), shape, dtype: 'int32' };
      shapes.set(i.name, shape);
      kinds.set(i.name, i.kind);
    }
    const consts = new Map(plan.initializers);
    // fetched in slices: only one slice's activations are held at a time
    for (let at = 0; at < extra.length; at += PROBE_SLICE) {
      const out = await rt.run(feeds, extra.slice(at, at + PROBE_SLICE));
      for (const [name, t] of Object.entries(out)) {
        const kind = kindOfHost(t, types.get(name));
        shapes.set(name, t.shape);
        kinds.set(name, kind);
        if (plan.constNames.has(name) && !consts.has(name)) {
          consts.set(name, { kind, shape: t.shape, data: kind === 'float32' ? Float32Array.from(t.data) : Int32Array.from(t.data) });
        }
      }
    }
    for (const [name, v] of plan.initializers) {
      shapes.set(name, v.shape);
      kinds.set(name, v.kind);
    }
    return { shapes, kinds, consts };
  } finally {
    await rt.dispose();
  }
}
