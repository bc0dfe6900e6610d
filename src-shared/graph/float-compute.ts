// Which nodes of a QDQ ONNX graph (an int8 variant as written) compute in float32 — what the Graph view marks
// "kept in float". onnxruntime runs a QDQ graph by fusing DequantizeLinear → op → QuantizeLinear into the op's
// QLinear* (int8) kernel; a node it cannot fuse runs its float kernel on dequantized data. So, over the graph's own
// tensors and their element types:
//   - QuantizeLinear / DequantizeLinear: conversion ops, never counted;
//   - a node touching no float32 tensor (Shape, Gather of indices, int64 arithmetic): neither int8 nor float;
//   - a node computes in int8 when every float32 input comes from a DequantizeLinear and it writes at least one
//     float32 output, each read by at least one node, only by QuantizeLinear nodes, and none a graph output;
//   - any other node touching a float32 tensor computes in float32.
// Pure: the ModelGraph (node op types, inputs, outputs, outputDtypes; weights' and graph inputs' dtypes) in, node
// names out. A tensor whose type is unknown counts as not float (as formats/onnx/tensor-types.ts).
import type { ModelGraph } from '../types/graph';

const FLOAT = 'float32';

/** Op type without its domain ('com.microsoft.QuantizeLinear' → 'QuantizeLinear'). */
const opType = (op: string): string => op.slice(op.lastIndexOf('.') + 1);
const isConversion = (op: string): boolean => op === 'QuantizeLinear' || op === 'DequantizeLinear';

/**
 * Names of the nodes of `g` that compute in float32 (the rule above), in graph order. Meant for ONNX graphs (the only
 * ones with outputDtypes); elsewhere only graph inputs' and weights' dtypes are known.
 */
export function floatComputeNodes(g: Pick<ModelGraph, 'nodes' | 'inputs' | 'outputs'>): string[] {
  const dtype = new Map<string, string>();
  for (const p of g.inputs) dtype.set(p.name, p.dtype);
  const producerOp = new Map<string, string>();
  const readerOps = new Map<string, string[]>();
  for (const n of g.nodes) {
    for (const w of n.weights) dtype.set(w.name, w.dtype);
    n.outputs.forEach((o, k) => {
      const t = n.outputDtypes?.[k];
      if (t !== undefined) dtype.set(o, t);
      if (!producerOp.has(o)) producerOp.set(o, opType(n.op));
    });
    for (const x of n.inputs) readerOps.set(x, [...(readerOps.get(x) ?? []), opType(n.op)]);
  }
  const graphOutputs = new Set(g.outputs.map((p) => p.name));
  const isFloat = (t: string) => dtype.get(t) === FLOAT;
  const onlyQuantized = (t: string) => {
    const readers = readerOps.get(t) ?? [];
    return !graphOutputs.has(t) && readers.length > 0 && readers.every((op) => op === 'QuantizeLinear');
  };
  const out: string[] = [];
  for (const n of g.nodes) {
    if (isConversion(opType(n.op))) continue;
    const ins = n.inputs.filter(isFloat);
    const outs = n.outputs.filter(isFloat);
    if (ins.length + outs.length === 0) continue; // shape / index arithmetic
    const int8 = ins.every((x) => producerOp.get(x) === 'DequantizeLinear') && outs.length > 0 && outs.every(onlyQuantized);
    if (!int8) out.push(n.name);
  }
  return out;
}
