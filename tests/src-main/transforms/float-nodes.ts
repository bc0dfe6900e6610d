// The tests' own judge of "computes in float32" in a written QDQ ONNX graph, on the raw GraphProto and independent of
// src-shared/graph/float-compute.ts (which works on the ModelGraph): a node other than Q/DQ that touches a float32
// tensor computes in int8 when every float input comes from a DequantizeLinear and every float output goes only to
// QuantizeLinear nodes (what onnxruntime fuses into QLinear* kernels); any other node touching a float tensor
// computes in float32; nodes touching no float tensor (shape / index arithmetic) are neither.
import { tensorTypes } from '../../../src-main/formats/onnx/tensor-types';
import { DT } from '../../../src-main/formats/onnx/dtypes';
import type { GraphProto } from '../../../src-main/formats/onnx/codec';

/** Nodes of `g` (not Q/DQ) that compute in float32, by name (`<op>#<index>` when unnamed, as ModelGraph names) → op type. */
export function floatNodes(g: GraphProto): Map<string, string> {
  const types = tensorTypes(g);
  const isFloat = (t: string) => types.get(t) === DT.FLOAT;
  const producer = new Map((g.node ?? []).flatMap((n) => (n.output ?? []).map((o) => [o, n.opType ?? ''] as const)));
  const consumers = new Map<string, string[]>();
  for (const n of g.node ?? []) for (const x of n.input ?? []) if (x) consumers.set(x, [...(consumers.get(x) ?? []), n.opType ?? '']);
  const outputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const out = new Map<string, string>();
  (g.node ?? []).forEach((n, i) => {
    if (n.opType === 'QuantizeLinear' || n.opType === 'DequantizeLinear') return;
    const ins = (n.input ?? []).filter((x) => x && isFloat(x));
    const outs = (n.output ?? []).filter((x) => x && isFloat(x));
    if (ins.length + outs.length === 0) return; // shape / index arithmetic
    const int8 = ins.every((x) => producer.get(x) === 'DequantizeLinear') && outs.length > 0 &&
      outs.every((o) => !outputs.has(o) && (consumers.get(o)?.length ?? 0) > 0 && consumers.get(o)!.every((op) => op === 'QuantizeLinear'));
    if (!int8) out.set(n.name || `${n.opType}#${i}`, n.opType ?? '');
  });
  return out;
}
