// Element type of every tensor of an ONNX graph that can be told without running it (a small forward
// inference), so that only float tensors are quantized, calibrated or tapped. Codes are TensorProto.DataType
// (dtypes.ts); a tensor missing from the map has an unknown type and counts as not float.
import { intAttr, type GraphProto } from './codec';
import { DT } from './dtypes';

/**
 * Element type of every tensor of `g` that can be told without running it: value_info / inputs /
 * initializers first, then a forward pass over nodes (Shape → int64, Cast → to, comparisons → bool, most
 * ops → the type of their first typed input). Tensors left unknown are treated as not float.
 */
export function tensorTypes(g: GraphProto): Map<string, number> {
  const t = new Map<string, number>();
  for (const v of [...(g.input ?? []), ...(g.valueInfo ?? []), ...(g.output ?? [])]) {
    const e = v.type?.tensorType?.elemType;
    if (v.name && e) t.set(v.name, e);
  }
  for (const i of g.initializer ?? []) if (i.name) t.set(i.name, i.dataType ?? 0);
  const INT64_OUT = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin', 'NonMaxSuppression']);
  const BOOL_OUT = new Set(['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
  for (const n of g.node ?? []) {
    const op = n.opType ?? '';
    let out: number | undefined;
    if (INT64_OUT.has(op)) out = DT.INT64;
    else if (BOOL_OUT.has(op)) out = DT.BOOL;
    else if (op === 'Cast') out = intAttr(n, 'to', 0);
    else if (op === 'DequantizeLinear') out = DT.FLOAT;
    else if (op === 'QuantizeLinear') out = t.get(n.input?.[2] ?? '') ?? DT.UINT8;
    else if (op === 'Constant' || op === 'ConstantOfShape') out = n.attribute?.find((a) => a.name === 'value')?.t?.dataType ?? (op === 'ConstantOfShape' ? DT.FLOAT : undefined);
    else if (op === 'Where') out = t.get(n.input?.[1] ?? '');
    else out = (n.input ?? []).map((i) => t.get(i)).find((x) => x !== undefined);
    const outs = n.output ?? [];
    if (out !== undefined) for (let k = 0; k < outs.length; k++) if (!t.has(outs[k]) && (k === 0 || op === 'Split')) t.set(outs[k], out);
  }
  return t;
}
