// Builds the ONNX model from the plan and the probe facts: graph inputs, initializers for the static
// tensors the converted nodes read, one converter call per node in topological order, graph outputs.
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { onnxPb } from '../../formats/onnx/codec';
import { checkCancelled, type JobContext } from '../../jobs/context';
import { OnnxBuilder, OPSET, valueInfo, type ConstValue } from './builder';
import { dataInputs, type GraphPlan } from './graph';
import { keepInteriorNchw, type LayoutStats } from './layout';
import { OP_CONVERTERS } from './ops/registry';
import type { OpCtx } from './ops/types';
import type { TensorFact } from './probe';

export interface EmitOptions {
  plan: GraphPlan;
  facts: Map<string, TensorFact>;
  file: string;
  docString: string;
  metadata: Record<string, string>;
}

export function emitOnnx(o: EmitOptions, ctx: JobContext): { model: onnx.ModelProto; layout: LayoutStats } {
  const { plan, facts, file } = o;
  const b = new OnnxBuilder();
  for (const n of plan.byName.keys()) b.reserve(n);
  const fact = (t: string): TensorFact => {
    const f = facts.get(t);
    if (!f) throw new EdgeLabError('INTERNAL', `no probed shape for tensor '${t}'`, file);
    return f;
  };
  const emitted = new Set<string>(plan.inputs);
  plan.convert.forEach((node, idx) => {
    if (idx % 64 === 0) checkCancelled(ctx);
    const ins = dataInputs(node);
    const fail = (problem: string): never => {
      throw new EdgeLabError('UNSUPPORTED', `cannot convert node '${node.name}' (${node.op}): ${problem}`, file);
    };
    const value = (i: number): ConstValue | undefined => (emitted.has(ins[i]) ? undefined : facts.get(ins[i])?.value);
    const cx: OpCtx = {
      node,
      b,
      arity: ins.length,
      input(i) {
        const t = ins[i];
        if (t === undefined) return fail(`input ${i} is missing`);
        if (emitted.has(t)) return t;
        const v = facts.get(t)?.value;
        if (!v) return fail(`input '${t}' is neither computed nor constant`);
        return b.initializer(t, v);
      },
      value,
      constant(i, what) {
        const v = value(i);
        if (!v) return fail(`${what} (input ${i}) must be a constant`);
        return v;
      },
      inShape: (i) => fact(ins[i]).shape,
      inDtype: (i) => fact(ins[i]).dtype,
      output: (k = 0) => (k === 0 ? node.name : `${node.name}:${k}`),
      outShape: (k = 0) => fact(k === 0 ? node.name : `${node.name}:${k}`).shape,
      outDtype: (k = 0) => fact(k === 0 ? node.name : `${node.name}:${k}`).dtype,
      fail,
    };
    OP_CONVERTERS[node.op](cx);
    emitted.add(node.name);
    for (let k = 1; k < 16; k++) emitted.add(`${node.name}:${k}`);
  });
  const layout = keepInteriorNchw(b, new Set(plan.outputs));
  const graph = onnxPb.GraphProto.create({
    name: 'edgelab-tfjs-to-onnx',
    node: b.nodes,
    initializer: b.initializers,
    input: plan.inputs.map((t) => valueInfo(t, fact(t).dtype, fact(t).shape)),
    output: plan.outputs.map((t) => valueInfo(t, fact(t).dtype, fact(t).shape)),
  });
  const model = onnxPb.ModelProto.create({
    irVersion: 8,
    producerName: 'edgelab',
    producerVersion: 'tfjs-to-onnx',
    docString: o.docString,
    opsetImport: [onnxPb.OperatorSetIdProto.create({ domain: '', version: OPSET })],
    graph,
    metadataProps: Object.entries(o.metadata).map(([key, value]) => onnxPb.StringStringEntryProto.create({ key, value })),
  });
  return { model, layout };
}
