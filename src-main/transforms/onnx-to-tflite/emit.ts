// Emits the TFLite model IR (formats/tflite/model-ir.ts) from a planned and probed ONNX graph: graph inputs as
// declared (float32 NHWC images stay NHWC; a dynamic batch is written 1 with shape_signature -1), then each node
// through its emitter (ops/registry.ts) in graph order, then the graph outputs in their logical layout under their
// exact ONNX names (the tensor holding an output is renamed to it; a tensor that is already an input or another
// output, or a constant, gets a RESHAPE copy).
import type { onnx } from 'onnx-proto';
import type { TfliteModel } from '../../formats/tflite/model-ir';
import { EmitCtx } from './context';
import type { GraphPlan, ProbeFacts } from './graph';
import { OP_EMITTERS } from './ops/registry';

export interface EmitResult {
  model: TfliteModel;
  /** TRANSPOSE ops added by the layout handling (materialising a layout), and in total. */
  transposes: { layout: number; total: number };
  /** Nodes fused into a preceding Conv (scale, bias, activation). */
  fused: number;
}

export function emitTflite(plan: GraphPlan, facts: ProbeFacts, file: string, description: string): EmitResult {
  const model: TfliteModel = { description, subgraphName: 'main', tensors: [], operators: [], inputs: [], outputs: [] };
  const consumers = new Map<string, onnx.INodeProto[]>();
  for (const n of plan.nodes) for (const i of n.input ?? []) if (i) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const cx = new EmitCtx(model, facts, file, consumers, new Set(plan.outputs));
  for (const i of plan.inputs) {
    const shape = facts.shapes.get(i.name) ?? i.declared.map((d) => (d < 0 ? 1 : d));
    const dynamic = i.declared.some((d) => d < 0);
    const idx = cx.activation(i.name, i.kind, shape);
    if (dynamic) model.tensors[idx].shapeSignature = i.declared.slice();
    model.inputs.push(idx);
    cx.define(i.name, idx, false, shape);
  }
  for (const n of plan.nodes) {
    if (cx.done.has(n)) continue;
    OP_EMITTERS[n.opType ?? '']!(cx, n);
  }
  const claimed = new Set<number>(model.inputs);
  for (const o of plan.outputs) {
    let idx = cx.logical(o);
    const t = model.tensors[idx];
    if (claimed.has(idx) || t.data) {
      const copy = cx.activation(o, t.type, t.shape.slice());
      cx.op('RESHAPE', [idx, cx.int32(`${o}/shape`, [t.shape.length], t.shape)], [copy], { new_shape: t.shape });
      idx = copy;
    } else if (t.name !== o) {
      // the NHWC-stored twin of a logically NCHW output carries the name until now: it becomes `<name>/nhwc`
      for (const other of model.tensors) if (other.name === o) other.name = `${o}/nhwc`;
      t.name = o;
    }
    claimed.add(idx);
    model.outputs.push(idx);
  }
  const total = model.operators.filter((op) => op.op === 'TRANSPOSE').length;
  return { model, transposes: { layout: cx.layoutTransposes, total }, fused: cx.done.size };
}
