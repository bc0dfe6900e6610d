// Per-op-family ONNX → TFLite conversions of tiny graphs, run in LiteRT.js against onnxruntime: max abs error ≤ 1e-4.
import { describe, expect, it } from 'vitest';
import { parity, values, type TinyGraph } from './tiny-onnx';

const NHWC_IN = { name: 'x', shape: [1, 8, 8, 3] };
const toNchw = { op: 'Transpose', inputs: ['x'], outputs: ['xc'], attrs: { perm: [0, 3, 1, 2] } };
const toNhwc = (from: string, to: string) => ({ op: 'Transpose', inputs: [from], outputs: [to], attrs: { perm: [0, 2, 3, 1] } });

async function expectParity(g: TinyGraph, tol = 1e-4) {
  const p = await parity(g);
  for (const [name, d] of Object.entries(p.maxAbs)) expect(d, name).toBeLessThanOrEqual(tol);
  return p;
}

describe('ONNX → TFLite op families (LiteRT.js vs onnxruntime)', () => {
  it('Conv (group 1, SAME pads) + BN scale/bias + Clip(0,6) fused into one CONV_2D, no transposes left', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }],
      inits: [
        { name: 'w', dims: [4, 3, 3, 3], values: values(108, 3, 0.5) },
        { name: 'k', dims: [1, 4, 1, 1], values: [0.5, 2, -1, 1.5] },
        { name: 'c', dims: [1, 4, 1, 1], values: [0.1, -0.2, 0.3, 1] },
        { name: 'lo', dims: [], values: [0] },
        { name: 'hi', dims: [], values: [6] },
      ],
      nodes: [
        toNchw,
        { op: 'Conv', inputs: ['xc', 'w'], outputs: ['conv'], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [0, 0, 1, 1], group: 1 } },
        { op: 'Mul', inputs: ['conv', 'k'], outputs: ['scaled'] },
        { op: 'Add', inputs: ['scaled', 'c'], outputs: ['biased'] },
        { op: 'Clip', inputs: ['biased', 'lo', 'hi'], outputs: ['act'] },
        toNhwc('act', 'y'),
      ],
    });
    expect(p.converted.model.operators.map((o) => o.op)).toEqual(['CONV_2D']);
  });
});
