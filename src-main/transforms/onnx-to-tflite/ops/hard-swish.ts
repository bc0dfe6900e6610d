// hard_swish as exported: a = Mul(c, x); b = Add(x, 3); r = Clip(b, 0, 6); y = Mul(a, r) (c ≈ 1/6, often rounded
// through float16, e.g. 0.1666259765625) → HARD_SWISH(x) then MUL by 6c: x·relu6(x+3)/6·6c = c·x·relu6(x+3), the
// same maths in two ops instead of four (as TF's converter emits HARD_SWISH). Matched at the first Mul, only
// through tensors with one consumer that are not graph outputs; layout kept (elementwise).
import type { onnx } from 'onnx-proto';
import { addTensor, float32Const } from '../../../formats/tflite/model-ir';
import type { EmitCtx } from '../context';
import { clipBounds, operand, output } from './types';

function scalar(cx: EmitCtx, name: string): number | undefined {
  if (cx.vals.has(name)) return undefined;
  const v = cx.constVal(name);
  return v && v.kind === 'float32' && v.data.length === 1 ? v.data[0] : undefined;
}

/** Emits the pattern starting at Mul node `n` and returns true, or returns false (nothing emitted) when it does not match. */
export function emitHardSwish(cx: EmitCtx, n: onnx.INodeProto): boolean {
  const [i0, i1] = n.input ?? [];
  const c = scalar(cx, i0) ?? scalar(cx, i1);
  if (c === undefined) return false;
  const x = scalar(cx, i0) === undefined ? i0 : i1;
  if (!cx.vals.has(x)) return false;
  const a = n.output![0];
  const fin = cx.soleConsumer(a);
  if (fin?.opType !== 'Mul') return false;
  const r = fin.input![0] === a ? fin.input![1] : fin.input![0];
  const clip = (cx.consumers.get(x) ?? []).find((k) => k.opType === 'Add' && k.input?.includes(x) && cx.soleConsumer(k.output![0])?.output?.[0] === r);
  if (!clip) return false;
  const add = clip;
  const three = scalar(cx, add.input![0] === x ? add.input![1] : add.input![0]);
  const relu = cx.soleConsumer(add.output![0])!;
  const [lo, hi] = relu.opType === 'Clip' ? clipBounds(cx, relu) : [NaN, NaN];
  if (three !== 3 || lo !== 0 || hi !== 6 || cx.vals.has(add.output![0])) return false;
  const p = cx.isPermuted(x);
  const input = operand(cx, x, p);
  const h = cx.activation(`${a}/hard_swish`, 'float32', cx.model.tensors[input].shape);
  cx.op('HARD_SWISH', [input], [h]);
  cx.op('MUL', [h, addTensor(cx.model, float32Const(`${a}/scale`, [], [6 * c]))], [output(cx, fin.output![0], p)], { fused_activation_function: 'NONE' });
  for (const k of [add, relu, fin]) cx.done.add(k);
  return true;
}
