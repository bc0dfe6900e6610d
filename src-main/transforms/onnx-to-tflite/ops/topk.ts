// TopK (last axis, largest, sorted) → TOPK_V2 on the logical tensor; k constant. TFLite gives int32 indices where
// ONNX gives int64: EdgeLab carries int64 as int32, so a following Cast to int32 is an alias.
import { axisOf, constNumbers, intAttr, output, type OpEmitter } from './types';

const topk: OpEmitter = (cx, n) => {
  const [x, kName] = n.input ?? [];
  const rank = cx.shape(x).length;
  if (axisOf(intAttr(n, 'axis', -1), rank) !== rank - 1) cx.fail(n, 'TopK over another axis than the last is not mapped');
  if (intAttr(n, 'largest', 1) !== 1 || intAttr(n, 'sorted', 1) !== 1) cx.fail(n, 'only largest, sorted TopK maps to TOPK_V2');
  const k = constNumbers(cx, n, kName, 'k')[0];
  const [vals, inds] = n.output ?? [];
  const input = cx.logical(x);
  const outs = [output(cx, vals, false, 'float32'), inds ? output(cx, inds, false, 'int32') : cx.activation(`${vals}/indices`, 'int32', cx.shape(vals))];
  cx.op('TOPK_V2', [input, cx.int32(`${vals}/k`, [], [k])], outs);
};

export const topkOps: Record<string, OpEmitter> = { TopK: topk };
