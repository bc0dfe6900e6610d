// Writes a QdqPlan into an ONNX graph with calibrated ranges, in the QDQ form onnxruntime's quantization
// tool writes: every quantized activation T is followed by QuantizeLinear(T) → DequantizeLinear → T' and
// its consumers read T' (a graph output keeps its name on the DequantizeLinear); constant weights of
// weighted ops are INT8 per channel + per-axis DequantizeLinear, their biases INT32 with scale
// s_input · s_weight[c] and zero point 0; other constant inputs are per-tensor UINT8. Activations are
// UINT8 asymmetric over the calibrated range widened to contain 0.
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { num, tensorElements, type GraphProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { floatValues, initializer, uniqueName } from '../../formats/onnx/edit';
import { dequantizeNode, qparamInitializers, quantizeNode } from './onnx-nodes';
import { asymmetricUint8, quantizeBiasInt32, quantizeTensorUint8, type QParams } from './qdq-math';
import { nodeLabel, resolveShare, type QdqPlan } from './qdq-plan';
import { dropUnusedInitializers, quantizeWeight, weightAxis } from './weights';
import { applyLookups } from './lookup';
import { applyRequant, snapAffineRange } from './requant';

export interface QdqResult {
  /** Activation tensor → uint8 parameters used. */
  params: Map<string, QParams>;
  weights: number;
  biases: number;
  /** Nodes of kind 'requant' computed on uint8: by requantization (requant.ts) or as a 256-entry table (lookup.ts). */
  lookups: { requantized: number; tables: number };
  kept: { name: string; reason: string }[];
}

/** `weightQmax`: 127 (full int8) or INT8_QMAX_REDUCED = 63 (7-bit weights, see qdq-math.ts). */
export function applyQdq(g: GraphProto, plan: QdqPlan, ranges: Map<string, [number, number]>, taken: Set<string>, file: string, weightQmax = 127): QdqResult {
  const nodes = g.node ?? [];
  const kept: QdqResult['kept'] = [];
  // 1. folds: the producer writes the activation's output; the activation node goes.
  const removed = new Set<number>();
  for (const f of plan.folds) {
    nodes[f.producer].output![0] = f.to;
    removed.add(f.act);
  }
  // 2. parameters of every quantized activation.
  const params = new Map<string, QParams>();
  const qp = new Map<string, { scale: string; zp: string }>();
  // Tensors sharing parameters (passthrough outputs) share the very initializers, as ORT's tool writes them.
  const byOrigin = new Map<string, { scale: string; zp: string }>();
  // Inputs of HardSigmoid / HardSwish get a scale that makes their requantization exact (requant.ts).
  const affineOf = new Map<string, onnx.INodeProto>();
  for (const [i, kind] of plan.nodes) if (kind === 'requant') affineOf.set(resolveShare(nodes[i].input![0], plan.shareFrom), nodes[i]);
  for (const t of plan.activations) {
    const origin = resolveShare(t, plan.shareFrom);
    const r = ranges.get(origin);
    if (!r) throw new EdgeLabError('INTERNAL', `no calibrated range for tensor '${origin}'`, file);
    const a = affineOf.get(origin);
    const p = a ? asymmetricUint8(...snapAffineRange(r[0], r[1], a)) : asymmetricUint8(r[0], r[1]);
    params.set(t, p);
    let names = byOrigin.get(origin);
    if (!names) {
      const init = qparamInitializers(origin, Float32Array.of(p.scale), Uint8Array.of(p.zeroPoint), DT.UINT8, false, taken);
      g.initializer!.push(init.scale, init.zeroPoint);
      names = { scale: init.scale.name!, zp: init.zeroPoint.name! };
      byOrigin.set(origin, names);
    }
    qp.set(t, names);
  }
  // 3. constants of quantized nodes.
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  const constDq: onnx.NodeProto[] = [];
  const shared = new Map<string, string>();
  let weights = 0;
  let biases = 0;
  for (const [i, kind] of plan.nodes) {
    const n = nodes[i];
    const ins = n.input!;
    const label = nodeLabel(n, i);
    const constant = (k: number) => {
      const t = ins[k] ? inits.get(ins[k]) : undefined;
      return t && t.dataType === DT.FLOAT && !graphInputs.has(ins[k]) ? t : undefined;
    };
    if (kind === 'weighted') {
      const w = constant(1);
      let wScales: Float32Array | undefined;
      if (w) {
        const axis = weightAxis(n, 1, w.dims?.length ?? 0);
        if (axis === undefined) kept.push({ name: label, reason: `weight of rank ${w.dims?.length}: no per-channel axis, kept float` });
        else {
          const key = `${w.name}@w${axis}`;
          const q = quantizeWeight(g, w, axis, taken, file, weightQmax);
          constDq.push(q.node);
          shared.set(key, q.output);
          ins[1] = q.output;
          wScales = q.scales;
          weights++;
        }
      }
      const b = constant(2);
      const xp = params.get(ins[0]);
      if (b && wScales && xp) {
        const values = floatValues(b, tensorElements(b, file));
        if (values.length === wScales.length || wScales.length === 1) {
          const { q, scales } = quantizeBiasInt32(values, xp.scale, wScales);
          const qName = uniqueName(`${b.name}_quantized`, taken);
          const pi = qparamInitializers(b.name ?? 'bias', scales, new Int32Array(scales.length), DT.INT32, true, taken);
          g.initializer!.push(initializer(qName, DT.INT32, [values.length], q), pi.scale, pi.zeroPoint);
          const out = uniqueName(`${b.name}_dequantized`, taken);
          constDq.push(dequantizeNode(qName, pi.scale.name!, pi.zeroPoint.name!, out, taken, 0));
          ins[2] = out;
          biases++;
        } else kept.push({ name: label, reason: `bias has ${values.length} values for ${wScales.length} channels: kept float` });
      }
    } else if (kind === 'elementwise') {
      for (let k = 0; k < ins.length; k++) {
        const c = constant(k);
        if (!c) continue;
        const key = `${c.name}@u8`;
        let out = shared.get(key);
        if (!out) {
          const { q, params: p } = quantizeTensorUint8(floatValues(c, tensorElements(c, file)));
          const qName = uniqueName(`${c.name}_quantized`, taken);
          const pi = qparamInitializers(c.name ?? 'const', Float32Array.of(p.scale), Uint8Array.of(p.zeroPoint), DT.UINT8, false, taken);
          g.initializer!.push(initializer(qName, DT.UINT8, (c.dims ?? []).map((d) => num(d)), q), pi.scale, pi.zeroPoint);
          out = uniqueName(`${c.name}_dequantized`, taken);
          constDq.push(dequantizeNode(qName, pi.scale.name!, pi.zeroPoint.name!, out, taken));
          shared.set(key, out);
        }
        ins[k] = out;
      }
    }
  }
  // 4. Q/DQ pairs after each activation's producer (graph inputs first), consumers rewired.
  const graphOutputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const rename = new Map<string, string>();
  const pairsFor = (t: string, producerNode?: onnx.INodeProto): onnx.NodeProto[] => {
    const p = qp.get(t)!;
    const q = uniqueName(`${t}_quantized`, taken);
    if (graphOutputs.has(t) && producerNode) {
      const pre = uniqueName(`${t}_float`, taken);
      producerNode.output = producerNode.output!.map((o) => (o === t ? pre : o));
      return [quantizeNode(pre, p.scale, p.zp, q, taken), dequantizeNode(q, p.scale, p.zp, t, taken)];
    }
    const dq = uniqueName(`${t}_dequantized`, taken);
    rename.set(t, dq);
    return [quantizeNode(t, p.scale, p.zp, q, taken), dequantizeNode(q, p.scale, p.zp, dq, taken)];
  };
  const acts = new Set(plan.activations);
  const out: onnx.INodeProto[] = [...constDq];
  for (const v of g.input ?? []) if (acts.has(v.name ?? '')) out.push(...pairsFor(v.name!));
  nodes.forEach((n, i) => {
    if (removed.has(i)) return;
    out.push(n);
    for (const o of [...(n.output ?? [])]) if (acts.has(o)) out.push(...pairsFor(o, n));
  });
  for (const n of out) {
    if (n.opType === 'QuantizeLinear') continue; // Q reads the float tensor itself
    n.input = (n.input ?? []).map((x) => rename.get(x) ?? x);
  }
  g.node = out;
  // 5. DQ → HardSigmoid / HardSwish → Q computed on uint8: requantization (requant.ts), else a 256-entry table (lookup.ts).
  const hard = applyRequant(g, new Set([...plan.nodes].filter(([, k]) => k === 'requant').map(([i]) => nodes[i])), taken);
  const lookups = { requantized: hard.count, tables: applyLookups(g, hard.rest, taken) };
  dropUnusedInitializers(g);
  return { params, weights, biases, lookups, kept };
}
