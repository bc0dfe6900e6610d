// Conv2D / DepthwiseConv2dNative / fused forms on tiny graphs: SAME and VALID with stride 2 on an odd input
// (17×17, where SAME pads asymmetrically), dilation, explicit padding, channel multiplier 2, fused bias +
// activations. TF.js and onnxruntime run the same random input; the ONNX graph must match to float rounding.
import { describe, expect, it } from 'vitest';
import { bool, F, ints, str, strs, int, TinyGraph, roundTrip } from '../tiny-graph';

const TOL = 1e-4;
// tfjs-converter reads `dilations` unconditionally (real converted graphs always carry it).
const D1 = { dilations: ints([1, 1, 1, 1]) };

describe('tfjs-to-onnx conv ops', () => {
  it('Conv2D: SAME/VALID stride 2, dilation 2, explicit padding', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const w = g.rand('w', [3, 3, 3, 4], 11);
    g.op('same_s2', 'Conv2D', ['x', w], { ...D1, strides: ints([1, 2, 2, 1]), padding: str('SAME'), data_format: str('NHWC') });
    g.op('valid_s2', 'Conv2D', ['x', w], { ...D1, strides: ints([1, 2, 2, 1]), padding: str('VALID') });
    g.op('same_d2', 'Conv2D', ['x', w], { strides: ints([1, 1, 1, 1]), dilations: ints([1, 2, 2, 1]), padding: str('SAME') });
    g.op('explicit', 'Conv2D', ['x', w], { ...D1, strides: ints([1, 2, 2, 1]), padding: str('EXPLICIT'), explicit_paddings: ints([0, 0, 2, 1, 0, 4, 0, 0]) });
    const r = await roundTrip(g);
    expect(r.tf.same_s2.shape).toEqual([1, 9, 9, 4]);
    expect(r.tf.valid_s2.shape).toEqual([1, 8, 8, 4]);
    expect(r.tf.explicit.shape).toEqual([1, 9, 10, 4]);
    for (const [k, d] of Object.entries(r.diff)) expect(d, k).toBeLessThan(TOL);
    expect(r.out.check?.maxAbsError).toBeLessThan(TOL); // the transform's own check on a real frame
  });

  it('DepthwiseConv2dNative: channel multiplier 2, SAME stride 2 and VALID', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const w = g.rand('dw', [3, 3, 3, 2], 5);
    g.op('dw_same_s2', 'DepthwiseConv2dNative', ['x', w], { ...D1, strides: ints([1, 2, 2, 1]), padding: str('SAME') });
    g.op('dw_valid', 'DepthwiseConv2dNative', ['x', w], { ...D1, strides: ints([1, 1, 1, 1]), padding: str('VALID') });
    const r = await roundTrip(g);
    expect(r.tf.dw_same_s2.shape).toEqual([1, 9, 9, 6]);
    for (const [k, d] of Object.entries(r.diff)) expect(d, k).toBeLessThan(TOL);
  });

  it('_FusedConv2D and FusedDepthwiseConv2dNative with BiasAdd + Relu6 / Relu / LeakyRelu', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const w = g.rand('w', [3, 3, 3, 8], 3);
    const b = g.rand('b', [8], 4);
    const dw = g.rand('dw', [5, 5, 3, 1], 6);
    const db = g.rand('db', [3], 8);
    const fused = (ops: string[]) => ({ ...D1, strides: ints([1, 2, 2, 1]), padding: str('SAME'), fused_ops: strs(ops), num_args: int(1), epsilon: { f: 0 }, leakyrelu_alpha: { f: 0.1 } });
    // Scale the input so Relu6 clips at both ends.
    const big = g.op('big', 'Mul', ['x', g.const('ten', [10], [])]);
    g.op('relu6', '_FusedConv2D', [big, w, b], fused(['BiasAdd', 'Relu6']));
    g.op('leaky', '_FusedConv2D', ['x', w, b], fused(['BiasAdd', 'LeakyRelu']));
    g.op('dw_relu', 'FusedDepthwiseConv2dNative', ['x', dw, db], fused(['BiasAdd', 'Relu']));
    g.op('bias_only', '_FusedConv2D', ['x', w, b], { ...fused(['BiasAdd']), use_cudnn_on_gpu: bool(true), T: F });
    const r = await roundTrip(g);
    const relu6 = Array.from(r.onnx.relu6.data as Float32Array);
    expect(Math.max(...relu6)).toBe(6);
    expect(Math.min(...relu6)).toBe(0);
    for (const [k, d] of Object.entries(r.diff)) expect(d, k).toBeLessThan(TOL * 10);
  });
});
