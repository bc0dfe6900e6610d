// Which tensors of a TF.js graph get simulated int8 (pure: reads the topology, changes nothing), and the
// topology edit that inserts the fake-quant nodes. Mirrors what a TFLite full-int8 model quantizes:
//   activations  outputs of compute ops (QUANT_OPS) and float graph inputs, uint8 asymmetric per tensor
//                (same maths as int8 with zero point shifted by 128). Fusion as TFLite does it: a node whose
//                only consumer is Relu/Relu6, or (for conv/affine producers) a per-channel affine op with a
//                constant operand (BiasAdd, Add, Mul, FusedBatchNorm), is not quantized — the end of the
//                chain is. Layout ops (Reshape, Transpose…) pass quantized values through unchanged.
//   weights      kernels of Conv2D / DepthwiseConv2dNative / MatMul (fused forms too): int8 symmetric per
//                output channel.
// Only top-level nodes outside while-loop frames (formats/tfjs/graph.ts loopDepths) are touched.
import type { TfNode } from '../formats/tfjs/manifest';
import { isTfFloat32 } from '../formats/tfjs/dtypes';
import { inputNode, loopDepths } from '../formats/tfjs/graph';

export const CONV_OPS = new Set(['Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative', 'MatMul', '_FusedMatMul']);
const AFFINE_CONST_OPS = new Set(['BiasAdd', 'Add', 'AddV2', 'Mul', 'FusedBatchNorm', 'FusedBatchNormV3']);
const ACTIVATIONS = new Set(['Relu', 'Relu6']);
export const QUANT_OPS = new Set([
  ...CONV_OPS, ...AFFINE_CONST_OPS, ...ACTIVATIONS, 'AddN', 'Sub', 'Sigmoid', 'Tanh', 'Elu', 'LeakyRelu', 'Prelu',
  'MaxPool', 'AvgPool', 'Mean', 'ConcatV2', 'ResizeBilinear', 'ResizeNearestNeighbor', 'Pad', 'PadV2', 'Maximum', 'Minimum',
]);

export interface SimPlan {
  /** Nodes whose output 0 gets fake-quant (includes float Placeholders). */
  activations: string[];
  /** Conv-like node → its kernel Const name, the per-channel axis layout. */
  kernels: { node: string; op: string; weight: string; transposeB: boolean }[];
  /** Nodes left float on purpose, with why (excluded, fused into a successor). */
  kept: { name: string; reason: string }[];
}

function isFloat(n: TfNode): boolean {
  const a = n.attr ?? {};
  const t = a.T?.type ?? a.dtype?.type;
  return t !== undefined && isTfFloat32(t);
}

export function planSimInt8(nodes: TfNode[], exclude: Set<string>): SimPlan {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const depth = loopDepths(nodes);
  const consumers = new Map<string, { node: TfNode; ref: string }[]>();
  for (const n of nodes) for (const ref of n.input ?? []) if (!ref.startsWith('^')) consumers.set(inputNode(ref), [...(consumers.get(inputNode(ref)) ?? []), { node: n, ref }]);
  const isConst = (ref: string) => byName.get(inputNode(ref))?.op === 'Const';
  const top = (n: TfNode) => (depth.get(n.name) ?? 0) === 0;

  const activations: string[] = [];
  const kept: SimPlan['kept'] = [];
  for (const n of nodes) {
    if (!top(n) || !isFloat(n)) continue;
    const isInput = n.op === 'Placeholder';
    if (!isInput && !QUANT_OPS.has(n.op)) continue;
    if (exclude.has(n.name)) {
      kept.push({ name: n.name, reason: 'excluded: kept in float' });
      continue;
    }
    const cs = consumers.get(n.name) ?? [];
    if (cs.some((c) => /:[1-9]\d*$/.test(c.ref))) continue; // only output 0 can be renamed safely
    if (cs.length === 1 && !isInput) {
      const c = cs[0].node;
      const fusesAct = ACTIVATIONS.has(c.op);
      const fusesAffine = AFFINE_CONST_OPS.has(c.op) && (CONV_OPS.has(n.op) || AFFINE_CONST_OPS.has(n.op)) && (c.input ?? []).filter((r) => inputNode(r) !== n.name).every(isConst);
      if ((fusesAct || fusesAffine) && !exclude.has(c.name)) {
        kept.push({ name: n.name, reason: `fused into ${c.op} '${c.name}' (quantized at the end of the chain, as TFLite fuses it)` });
        continue;
      }
    }
    activations.push(n.name);
  }
  const kernels: SimPlan['kernels'] = [];
  for (const n of nodes) {
    if (!top(n) || !CONV_OPS.has(n.op) || exclude.has(n.name)) continue;
    const w = n.input?.[1];
    if (!w || !isConst(w)) continue;
    kernels.push({ node: n.name, op: n.op, weight: inputNode(w), transposeB: n.attr?.transpose_b?.b === true });
  }
  return { activations, kernels, kept };
}

/** Names of the nodes inserted for activation `name` (the float producer keeps `raw`). */
export function fqNames(name: string) {
  const p = `${name}/edgelab_fq`;
  return { raw: `${name}/edgelab_float`, scale: `${p}/scale`, lo: `${p}/qmin`, hi: `${p}/qmax`, div: `${p}/div`, round: `${p}/round`, clip: `${p}/clip`, out: `${p}/out` };
}

/**
 * Inserts x → RealDiv(scale) → Round (half to even) → ClipByValue(−zp, 255−zp) → Mul(scale) after every
 * planned activation: (clamp(round(x/s) + zp, 0, 255) − zp)·s, ONNX QuantizeLinear+DequantizeLinear maths.
 * A compute node keeps its name for the fake-quantized value (its float op is renamed `<name>/edgelab_float`),
 * so consumers, graph outputs and per-layer matching see the quantized tensor under the original name; a
 * Placeholder keeps its name (it is fed) and its consumers are rewired to `<name>/edgelab_fq/out`.
 */
export function insertFakeQuant(nodes: TfNode[], activations: string[]): TfNode[] {
  const set = new Set(activations);
  const F = { type: 'DT_FLOAT' };
  const constNode = (name: string): TfNode => ({ name, op: 'Const', attr: { dtype: F, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: {} } } } });
  const placeholders = new Set(nodes.filter((n) => n.op === 'Placeholder' && set.has(n.name)).map((n) => n.name));
  const out: TfNode[] = [];
  for (const n0 of nodes) {
    // rewire consumers of quantized placeholders
    const n: TfNode = n0.input?.some((r) => placeholders.has(inputNode(r)))
      ? { ...n0, input: n0.input.map((r) => (placeholders.has(inputNode(r)) && !r.startsWith('^') ? fqNames(inputNode(r)).out : r)) }
      : n0;
    if (!set.has(n.name)) {
      out.push(n);
      continue;
    }
    const q = fqNames(n.name);
    const isInput = placeholders.has(n.name);
    const src = isInput ? n.name : q.raw;
    const final = isInput ? q.out : n.name;
    out.push(isInput ? n : { ...n, name: q.raw });
    out.push(constNode(q.scale), constNode(q.lo), constNode(q.hi));
    out.push({ name: q.div, op: 'RealDiv', input: [src, q.scale], attr: { T: F } });
    out.push({ name: q.round, op: 'Round', input: [q.div], attr: { T: F } });
    out.push({ name: q.clip, op: 'ClipByValue', input: [q.round, q.lo, q.hi], attr: { T: F } });
    out.push({ name: final, op: 'Mul', input: [q.clip, q.scale], attr: { T: F } });
  }
  return out;
}
