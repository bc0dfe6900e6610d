// Which nodes and tensors of an ONNX graph get static int8 QDQ — decided before calibration, from the op
// registry (registry.ts), the element types and --exclude. Pure: reads the graph, changes nothing.
// Relu / Clip(0, c) after a quantized producer whose output feeds only them are folded (the producer writes
// the activation's output directly): quantizing to a range starting at 0 saturates negatives to 0, which
// is exactly what Relu does, so the fold changes nothing but saves a float op. Clip(lo>0 …) is not folded
// (the uint8 range always contains 0, so it would not clip at lo).
import type { onnx } from 'onnx-proto';
import { type GraphProto } from '../../formats/onnx/codec';
import { floatValues } from '../../formats/onnx/edit';
import { DT } from '../../formats/onnx/dtypes';
import { tensorTypes } from '../../formats/onnx/tensor-types';
import { dataInputs, quantKind, type QuantKind } from './registry';

export interface Fold {
  /** Index of the Relu/Clip node removed. */
  act: number;
  /** Index of the producer that now writes `to` directly. */
  producer: number;
  from: string;
  to: string;
}

export interface QdqPlan {
  /** Indices (into g.node) of nodes that get QDQ, with their registry kind (folded activations excluded). */
  nodes: Map<number, QuantKind>;
  /** Activation tensors that get a Q/DQ pair (names as in the graph after folding). */
  activations: string[];
  /** Passthrough outputs → the tensor whose quantization parameters they reuse. */
  shareFrom: Map<string, string>;
  /** Relu/Clip removed: their producer writes their output (reported apart from `kept`: not a float op, not in the written graph). */
  folds: Fold[];
  /** Tensors whose ranges calibration must measure (exist in the original graph). */
  calibrate: string[];
  /** What the written graph computes in float32: single nodes by name, or groups (an op type, 'post-processing') with a count in `reason`. */
  kept: { name: string; reason: string }[];
}

export function nodeLabel(n: onnx.INodeProto, index: number): string {
  return n.name ? n.name : `${n.opType}#${index}`;
}

/** Lower bound of a Clip node (attribute before opset 11, optional constant input after); undefined when not constant. */
function clipMin(n: onnx.INodeProto, inits: Map<string, onnx.ITensorProto>): number | undefined {
  const attr = n.attribute?.find((a) => a.name === 'min');
  if (attr) return attr.f ?? 0;
  const name = n.input?.[1];
  if (!name) return -Infinity;
  const t = inits.get(name);
  if (!t || t.dataType !== DT.FLOAT) return undefined;
  return floatValues(t, 1)[0];
}

export function planQdq(g: GraphProto, exclude: Set<string>): QdqPlan {
  const nodes = g.node ?? [];
  const types = tensorTypes(g);
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const graphOutputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const producer = new Map<string, number>();
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    for (const o of n.output ?? []) producer.set(o, i);
    for (const x of n.input ?? []) if (x) consumers.set(x, [...(consumers.get(x) ?? []), i]);
  });
  const isFloat = (t: string) => types.get(t) === DT.FLOAT;
  const kept: QdqPlan['kept'] = [];
  const floatOps = new Map<string, number>();
  const chosen = new Map<number, QuantKind>();
  nodes.forEach((n, i) => {
    const kind = quantKind(n.opType);
    const out = n.output?.[0] ?? '';
    if (!kind) {
      if (out && isFloat(out)) floatOps.set(n.opType ?? '?', (floatOps.get(n.opType ?? '?') ?? 0) + 1);
      return;
    }
    const ins = n.input ?? [];
    if (!isFloat(out) || dataInputs(kind, ins.length).some((k) => ins[k] && !isFloat(ins[k]))) return; // shape/int arithmetic
    chosen.set(i, kind);
  });
  for (const [op, count] of floatOps) kept.push({ name: op, reason: `${count} ${op} node(s): no int8 quantizer, computed in float32` });
  keepPostProcessingFloat(nodes, consumers, chosen, kept, exclude);

  // Folds are found before --exclude applies, so that excluding never adds quantization: a producer and the
  // Relu/Clip folded into it are one unit — excluding either keeps both in float. (Excluding only the producer
  // would leave the activation quantizing the producer's wider pre-activation range [lo, hi] where the fold
  // quantized [0, hi]; excluding only the activation would quantize the producer's output over [lo, hi] too:
  // both lose precision, which made "keep more nodes in float" give a worse output.)
  const excluded = new Set([...chosen.keys()].filter((i) => exclude.has(nodes[i].name ?? '')));
  const folds: Fold[] = [];
  for (const [i, kind] of [...chosen]) {
    if (kind !== 'activation') continue;
    const n = nodes[i];
    const x = n.input?.[0] ?? '';
    const p = producer.get(x);
    const pk = p === undefined ? undefined : chosen.get(p);
    const foldable =
      p !== undefined && (pk === 'weighted' || pk === 'elementwise' || pk === 'unary' || pk === 'requant') && (consumers.get(x)?.length ?? 0) === 1 &&
      !graphOutputs.has(x) && (n.opType === 'Relu' || clipMin(n, inits) === 0);
    if (foldable && (excluded.has(i) || excluded.has(p!))) {
      const [by, other] = excluded.has(p!) ? [p!, i] : [i, p!];
      if (!excluded.has(other)) kept.push({ name: nodeLabel(nodes[other], other), reason: `kept in float with ${nodeLabel(nodes[by], by)} (excluded): ${n.opType} is folded into its producer` });
      excluded.add(i);
      excluded.add(p!);
    } else if (foldable) {
      folds.push({ act: i, producer: p!, from: x, to: n.output?.[0] ?? '' });
      chosen.delete(i);
    } else chosen.set(i, 'unary');
  }
  for (const i of excluded) {
    if (exclude.has(nodes[i].name ?? '')) kept.push({ name: nodeLabel(nodes[i], i), reason: 'excluded by --exclude' });
    chosen.delete(i);
  }
  // A fold whose activation was excluded after it was found (its producer came later in node order) is undone.
  for (let k = folds.length - 1; k >= 0; k--) if (excluded.has(folds[k].act) || excluded.has(folds[k].producer)) folds.splice(k, 1);
  const foldedOut = new Map(folds.map((f) => [f.producer, f.to]));

  const acts = new Set<string>();
  const shareFrom = new Map<string, string>();
  for (const [i, kind] of chosen) {
    const n = nodes[i];
    const ins = n.input ?? [];
    for (const k of dataInputs(kind, ins.length)) if (ins[k] && !inits.has(ins[k])) acts.add(ins[k]);
    const out = foldedOut.get(i) ?? n.output?.[0] ?? '';
    acts.add(out);
    if (kind === 'passthrough' && ins[0] && !inits.has(ins[0])) shareFrom.set(out, ins[0]);
  }
  const activations = [...acts];
  // Ranges measured: every activation's own, or the one it shares (resolved along chains).
  const calibrate = new Set<string>();
  for (const t of activations) calibrate.add(resolveShare(t, shareFrom));
  return { nodes: chosen, activations, shareFrom, folds, calibrate: [...calibrate], kept };
}

/**
 * Post-processing stays float32: every chosen node that is not itself weighted (Conv, ConvTranspose, Gemm, MatMul)
 * and has no weighted node downstream — box decoding, score/box packing, the inputs of NonMaxSuppression / TopK /
 * ArgMax / Gather on indices — is dropped from `chosen` (the last weighted outputs are still quantized; their
 * readers see them through a DequantizeLinear). A weighted node kept in float by --exclude counts as
 * post-processing too, so excluding the node that writes a packed boxes+scores output keeps all that feeds it
 * after the previous weighted layer in float. Graphs without any weighted node are left as they are. Relies on
 * g.node being topologically sorted (ONNX requires it).
 */
function keepPostProcessingFloat(nodes: onnx.INodeProto[], consumers: Map<string, number[]>, chosen: Map<number, QuantKind>, kept: QdqPlan['kept'], exclude: Set<string>): void {
  const weighted = (i: number) => quantKind(nodes[i].opType) === 'weighted' && !exclude.has(nodes[i].name ?? '');
  if (!nodes.some((_, i) => weighted(i))) return;
  const feedsWeighted = new Array<boolean>(nodes.length).fill(false);
  for (let i = nodes.length - 1; i >= 0; i--) {
    feedsWeighted[i] = (nodes[i].output ?? []).some((o) => (consumers.get(o) ?? []).some((j) => weighted(j) || feedsWeighted[j]));
  }
  const ops = new Map<string, number>();
  for (const i of [...chosen.keys()]) {
    if (weighted(i) || feedsWeighted[i] || exclude.has(nodes[i].name ?? '')) continue; // excluded: reported as such below
    chosen.delete(i);
    ops.set(nodes[i].opType ?? '?', (ops.get(nodes[i].opType ?? '?') ?? 0) + 1);
  }
  const total = [...ops.values()].reduce((a, b) => a + b, 0);
  if (total) {
    const list = [...ops].map(([op, c]) => `${c} ${op}`).join(', ');
    kept.push({ name: 'post-processing', reason: `${total} node(s) after the last Conv/Gemm/MatMul (${list}) kept in float32: decoding, packing and NMS inputs need float precision` });
  }
}

/** The tensor whose range `t` uses: follows passthrough links to their origin (cycle-safe). */
export function resolveShare(t: string, shareFrom: Map<string, string>): string {
  const seen = new Set<string>();
  let cur = t;
  while (shareFrom.has(cur) && !seen.has(cur)) {
    seen.add(cur);
    cur = shareFrom.get(cur)!;
  }
  return cur;
}

