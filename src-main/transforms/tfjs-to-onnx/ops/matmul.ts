// MatMul / BatchMatMul(V2) / tfjs's _FusedMatMul (fused_ops [BiasAdd?, activation?]) → ONNX MatMul, with
// Transpose of the last two axes for transpose_a/b (adj_x/adj_y), then Add of the bias and the activation.
import { attrBool, attrStrings } from '../attrs';
import { applyActivation, FUSED_ACTIVATIONS } from './activation';
import type { OpConverter, OpCtx } from './types';

function swapLast(cx: OpCtx, x: string, rank: number, tag: string): string {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return cx.b.tmp('Transpose', [x], `${cx.node.name}/${tag}_T`, { perm });
}

function matmul(fused: boolean): OpConverter {
  return (cx) => {
    const ta = attrBool(cx.node, 'transpose_a', false) || attrBool(cx.node, 'adj_x', false);
    const tb = attrBool(cx.node, 'transpose_b', false) || attrBool(cx.node, 'adj_y', false);
    let a = cx.input(0);
    let b = cx.input(1);
    if (ta) a = swapLast(cx, a, cx.inShape(0).length, 'a');
    if (tb) b = swapLast(cx, b, cx.inShape(1).length, 'b');
    const ops = fused ? attrStrings(cx.node, 'fused_ops') : [];
    const bad = ops.filter((o, i) => !(i === 0 && o === 'BiasAdd') && !FUSED_ACTIVATIONS.has(o));
    if (bad.length) cx.fail(`fused ops ${bad.join(', ')}`);
    const act = ops.find((o) => FUSED_ACTIVATIONS.has(o));
    const hasBias = ops[0] === 'BiasAdd';
    if (!hasBias && !act) {
      cx.b.node('MatMul', [a, b], [cx.output()]);
      return;
    }
    let y = cx.b.tmp('MatMul', [a, b], `${cx.node.name}/matmul`);
    if (hasBias) y = act ? cx.b.tmp('Add', [y, cx.input(2)], `${cx.node.name}/bias`) : cx.b.node('Add', [y, cx.input(2)], [cx.output()]);
    if (act) {
      const out = cx.outShape();
      applyActivation(cx, act, y, cx.output(), act === 'Prelu' ? { slope: cx.input(hasBias ? 3 : 2), rank: out.length, channelAxis: out.length - 1, channels: out[out.length - 1] } : undefined);
    }
  };
}

export const matmulOps: Record<string, OpConverter> = {
  MatMul: matmul(false),
  BatchMatMul: matmul(false),
  BatchMatMulV2: matmul(false),
  _FusedMatMul: matmul(true),
};
