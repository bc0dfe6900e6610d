// Fused activations of _FusedConv2D / FusedDepthwiseConv2dNative / _FusedMatMul (tfjs names), applied to
// an ONNX tensor. `channelAxis` says where the channels sit for PReLU's per-channel slope (1 in NCHW).
import { attrFloat } from '../attrs';
import type { OpCtx } from './types';

export const FUSED_ACTIVATIONS = new Set(['Relu', 'Relu6', 'Elu', 'Sigmoid', 'Tanh', 'LeakyRelu', 'Prelu']);

/** Applies activation `act` to `x`; writes `out` when given, else a temporary. Returns the result. */
export function applyActivation(cx: OpCtx, act: string, x: string, out: string | undefined, prelu?: { slope: string; rank: number; channelAxis: number; channels: number }): string {
  const emit = (op: string, ins: string[], attrs = {}) => (out ? cx.b.node(op, ins, [out], attrs) : cx.b.tmp(op, ins, `${cx.node.name}/${act}`, attrs));
  switch (act) {
    case 'Relu':
      return emit('Relu', [x]);
    case 'Relu6':
      return emit('Clip', [x, cx.b.float([0], 'zero', true), cx.b.float([6], 'six', true)]);
    case 'Elu':
      return emit('Elu', [x], { alpha: { f: 1 } });
    case 'Sigmoid':
      return emit('Sigmoid', [x]);
    case 'Tanh':
      return emit('Tanh', [x]);
    case 'LeakyRelu':
      return emit('LeakyRelu', [x], { alpha: { f: attrFloat(cx.node, 'leakyrelu_alpha', 0.2) } });
    case 'Prelu': {
      if (!prelu) return cx.fail('Prelu without its slope input');
      // Slope [C] broadcast over channelAxis: reshape to [C, 1, …] trailing the channel axis.
      const shape = Array.from({ length: prelu.rank - prelu.channelAxis }, (_, i) => (i === 0 ? prelu.channels : 1));
      const s = cx.b.tmp('Reshape', [prelu.slope, cx.b.int64(shape, `${cx.node.name}/prelu_shape`)], `${cx.node.name}/prelu_slope`);
      return emit('PRelu', [x, s]);
    }
    default:
      return cx.fail(`fused activation '${act}'`);
  }
}
