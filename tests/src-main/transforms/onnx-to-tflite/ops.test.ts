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

const conv = (x: string, w: string, y: string, attrs: Record<string, number | number[]>) => ({ op: 'Conv', inputs: [x, w], outputs: [y], attrs: { kernel_shape: [3, 3], ...attrs } });
const opsOf = (p: Awaited<ReturnType<typeof expectParity>>) => p.converted.model.operators.map((o) => o.op);

describe('ONNX → TFLite op families, continued', () => {
  it('depthwise Conv (multiplier 2) with asymmetric pads → PAD + DEPTHWISE_CONV_2D VALID; Relu fused', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }],
      inits: [{ name: 'w', dims: [6, 1, 3, 3], values: values(54, 5, 0.5) }],
      nodes: [toNchw, conv('xc', 'w', 'c', { group: 3, pads: [2, 0, 0, 1] }), { op: 'Relu', inputs: ['c'], outputs: ['r'] }, toNhwc('r', 'y')],
    });
    expect(opsOf(p)).toEqual(['PAD', 'DEPTHWISE_CONV_2D']);
    expect(p.converted.model.operators[1].options).toMatchObject({ depth_multiplier: 2, padding: 'VALID', fused_activation_function: 'RELU' });
  });

  it('MaxPool SAME/VALID, ReduceMean over H,W, GlobalAveragePool, Sum of three, Clip(-1, 2) → MINIMUM+MAXIMUM, Sigmoid, Exp', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }, { name: 'm' }, { name: 'g' }],
      inits: [
        { name: 'lo', dims: [], values: [-1] },
        { name: 'hi', dims: [], values: [2] },
        { name: 'sz', dims: [4], values: [1, 3, 8, 8], type: 'int64' },
      ],
      nodes: [
        toNchw,
        { op: 'MaxPool', inputs: ['xc'], outputs: ['p1'], attrs: { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] } },
        { op: 'MaxPool', inputs: ['xc'], outputs: ['p2'], attrs: { kernel_shape: [2, 2], strides: [2, 2] } },
        { op: 'Resize', inputs: ['p2', '', '', 'sz'], outputs: ['p2u'], attrs: { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' } },
        { op: 'Sum', inputs: ['p1', 'p2u', 'xc'], outputs: ['s'] },
        { op: 'Clip', inputs: ['s', 'lo', 'hi'], outputs: ['cl'] },
        { op: 'Sigmoid', inputs: ['cl'], outputs: ['sg'] },
        { op: 'Exp', inputs: ['sg'], outputs: ['e'] },
        toNhwc('e', 'y'),
        { op: 'ReduceMean', inputs: ['e'], outputs: ['m'], attrs: { axes: [2, 3], keepdims: 1 } },
        { op: 'GlobalAveragePool', inputs: ['cl'], outputs: ['g'] },
      ],
    });
    expect(opsOf(p)).toEqual(expect.arrayContaining(['MAX_POOL_2D', 'RESIZE_NEAREST_NEIGHBOR', 'ADD', 'MINIMUM', 'MAXIMUM', 'LOGISTIC', 'EXP', 'MEAN']));
  });
});

describe('ONNX → TFLite: resize, concat, slicing, top-k, layout materialisation, dynamic batch', () => {
  for (const ctm of ['asymmetric', 'half_pixel', 'align_corners']) {
    it(`Resize linear (${ctm}) on a permuted tensor → RESIZE_BILINEAR, no transposes`, async () => {
      const p = await expectParity({
        inputs: [NHWC_IN],
        outputs: [{ name: 'y' }],
        inits: [{ name: 'sz', dims: [4], values: [1, 3, 13, 16], type: 'int64' }],
        nodes: [toNchw, { op: 'Resize', inputs: ['xc', '', '', 'sz'], outputs: ['r'], attrs: { mode: 'linear', coordinate_transformation_mode: ctm } }, toNhwc('r', 'y')],
      });
      expect(opsOf(p)).toEqual(['RESIZE_BILINEAR']);
    });
  }

  it('Concat of a permuted tensor and a ConstantOfShape zero pad on the channel axis (BlazeFace) → PAD of the NHWC channels', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }],
      inits: [{ name: 'shp', dims: [4], values: [1, 2, 8, 8], type: 'int64' }],
      nodes: [
        toNchw,
        { op: 'Relu', inputs: ['xc'], outputs: ['r'] },
        { op: 'ConstantOfShape', inputs: ['shp'], outputs: ['z'] },
        { op: 'Concat', inputs: ['r', 'z'], outputs: ['c'], attrs: { axis: 1 } },
        toNhwc('c', 'y'),
      ],
    });
    expect(opsOf(p)).toEqual(['RELU', 'PAD']);
    const pads = p.converted.model.tensors[p.converted.model.operators[1].inputs[1]].data!;
    expect(Array.from(new Int32Array(pads.slice().buffer))).toEqual([0, 0, 0, 0, 0, 0, 0, 2]);
  });

  it('Concat of two permuted tensors and a constant on the channel axis → CONCATENATION axis 3', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }],
      inits: [{ name: 'k', dims: [1, 2, 8, 8], values: values(128, 21) }],
      nodes: [
        toNchw,
        { op: 'Relu', inputs: ['xc'], outputs: ['r'] },
        { op: 'Concat', inputs: ['r', 'k', 'xc'], outputs: ['c'], attrs: { axis: 1 } },
        toNhwc('c', 'y'),
      ],
    });
    expect(opsOf(p)).toEqual(['RELU', 'CONCATENATION']);
    expect(p.converted.model.operators[1].options).toMatchObject({ axis: 3 });
  });

  it('Slice / Split on a permuted tensor (axes remapped), Reshape of a permuted tensor (one TRANSPOSE back to NCHW), Gather', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'a' }, { name: 'b0' }, { name: 'b1' }, { name: 'f' }, { name: 'g' }],
      inits: [
        { name: 'st', dims: [2], values: [1, 2], type: 'int64' },
        { name: 'en', dims: [2], values: [3, 100], type: 'int64' },
        { name: 'ax', dims: [2], values: [1, -1], type: 'int64' },
        { name: 'sp', dims: [2], values: [3, 5], type: 'int64' },
        { name: 'fs', dims: [2], values: [1, 192], type: 'int64' },
        { name: 'gi', dims: [3], values: [5, 0, 2], type: 'int64' },
      ],
      nodes: [
        toNchw,
        { op: 'Slice', inputs: ['xc', 'st', 'en', 'ax'], outputs: ['s'] },
        toNhwc('s', 'a'),
        { op: 'Split', inputs: ['xc', 'sp'], outputs: ['p0', 'p1'], attrs: { axis: 2 } },
        toNhwc('p0', 'b0'),
        toNhwc('p1', 'b1'),
        { op: 'Reshape', inputs: ['xc', 'fs'], outputs: ['f'] },
        { op: 'Gather', inputs: ['xc', 'gi'], outputs: ['g'], attrs: { axis: 3 } },
      ],
    });
    expect(opsOf(p).filter((o) => o === 'TRANSPOSE')).toHaveLength(1); // the NCHW view the Reshape and Gather read, made once
    expect(p.converted.transposes.layout).toBe(1);
  });

  it('TopK → TOPK_V2, int64 indices carried as int32 (Cast an alias), Mod → FLOOR_MOD, Div, Sub, Equal + Cast → EQUAL + CAST', async () => {
    const p = await expectParity({
      inputs: [{ name: 'x', shape: [1, 40] }],
      outputs: [{ name: 'v' }, { name: 'q', type: 'int32' }, { name: 'r', type: 'int32' }, { name: 'e' }],
      inits: [
        { name: 'k', dims: [1], values: [7], type: 'int64' },
        { name: 'm', dims: [], values: [6], type: 'int64' },
      ],
      nodes: [
        { op: 'TopK', inputs: ['x', 'k'], outputs: ['v', 'i64'], attrs: { axis: -1 } },
        { op: 'Cast', inputs: ['i64'], outputs: ['i'], attrs: { to: 6 } },
        { op: 'Cast', inputs: ['m'], outputs: ['m32'], attrs: { to: 6 } },
        { op: 'Mod', inputs: ['i', 'm32'], outputs: ['r'] },
        { op: 'Sub', inputs: ['i', 'r'], outputs: ['d'] },
        { op: 'Div', inputs: ['d', 'm32'], outputs: ['q'] },
        { op: 'Equal', inputs: ['x', 'x'], outputs: ['eq'] },
        { op: 'Cast', inputs: ['eq'], outputs: ['e'], attrs: { to: 1 } },
      ],
    });
    expect(opsOf(p)).toEqual(['TOPK_V2', 'FLOOR_MOD', 'SUB', 'DIV', 'EQUAL', 'CAST']);
  });

  it('a dynamic batch input is written with shape 1 and shape_signature -1', async () => {
    const p = await expectParity({
      inputs: [{ name: 'x', shape: [-1, 6, 6, 3] }],
      outputs: [{ name: 'y' }],
      inits: [{ name: 'w', dims: [4, 3, 3, 3], values: values(108, 9, 0.5) }],
      nodes: [toNchw, conv('xc', 'w', 'c', { pads: [1, 1, 1, 1] }), toNhwc('c', 'y')],
    });
    const m = p.converted.model;
    expect(m.tensors[m.inputs[0]]).toMatchObject({ name: 'x', shape: [1, 6, 6, 3], shapeSignature: [-1, 6, 6, 3] });
  });
});

describe('ONNX → TFLite: dense layers and softmax (embedder heads)', () => {
  it('ReduceMean (keepdims 0) → MatMul → Gemm (transB, alpha, beta, C) → Softmax, and Softmax over the channels of a permuted tensor', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }, { name: 'sc' }],
      inits: [
        { name: 'B', dims: [3, 5], values: values(15, 11) },
        { name: 'G', dims: [4, 5], values: values(20, 12) },
        { name: 'C', dims: [4], values: [0.1, 0.2, -0.3, 0.4] },
      ],
      nodes: [
        toNchw,
        { op: 'ReduceMean', inputs: ['xc'], outputs: ['m'], attrs: { axes: [2, 3], keepdims: 0 } },
        { op: 'MatMul', inputs: ['m', 'B'], outputs: ['f'] },
        { op: 'Gemm', inputs: ['f', 'G', 'C'], outputs: ['g'], attrs: { transB: 1, alpha: { f: 0.5 }, beta: { f: 2 } } },
        { op: 'Softmax', inputs: ['g'], outputs: ['y'], attrs: { axis: -1 } },
        { op: 'Softmax', inputs: ['xc'], outputs: ['s'], attrs: { axis: 1 } },
        toNhwc('s', 'sc'),
      ],
    });
    expect(opsOf(p)).toEqual(['MEAN', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'SOFTMAX', 'SOFTMAX']);
  });
});

describe('ONNX → TFLite: Conv activation fusion of clip_by_value', () => {
  it('Conv → Relu → Min(·, 6) → Max(·, 0) (a TF.js export of clip_by_value) → one CONV_2D with RELU6', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }],
      inits: [
        { name: 'w', dims: [4, 3, 3, 3], values: values(108, 13, 3) },
        { name: 'six', dims: [], values: [6] },
        { name: 'zero', dims: [], values: [0] },
      ],
      nodes: [
        toNchw,
        conv('xc', 'w', 'c', { pads: [1, 1, 1, 1] }),
        { op: 'Relu', inputs: ['c'], outputs: ['r'] },
        { op: 'Min', inputs: ['r', 'six'], outputs: ['mn'] },
        { op: 'Max', inputs: ['mn', 'zero'], outputs: ['mx'] },
        toNhwc('mx', 'y'),
      ],
    });
    expect(opsOf(p)).toEqual(['CONV_2D']);
    expect(p.converted.model.operators[0].options).toMatchObject({ fused_activation_function: 'RELU6' });
  });
});

describe('ONNX → TFLite: NCHW inputs and folded shape chains', () => {
  it('an NCHW input stays NCHW: one TRANSPOSE to NHWC before the conv, one back for the NCHW output', async () => {
    const p = await expectParity({
      inputs: [{ name: 'x', shape: [1, 3, 8, 8] }],
      outputs: [{ name: 'y' }],
      inits: [{ name: 'w', dims: [4, 3, 3, 3], values: values(108, 17, 0.5) }],
      nodes: [conv('x', 'w', 'y', { pads: [1, 1, 1, 1] })],
    });
    const m = p.converted.model;
    expect(m.tensors[m.inputs[0]]).toMatchObject({ name: 'x', shape: [1, 3, 8, 8] });
    expect(opsOf(p)).toEqual(['TRANSPOSE', 'CONV_2D', 'TRANSPOSE']);
    expect(m.tensors.filter((t) => t.name === 'y')).toHaveLength(1); // the NHWC conv result is 'y/nhwc'
  });

  it('Shape → Gather → Unsqueeze → Concat → Reshape: the shape chain is folded, one RESHAPE left', async () => {
    const p = await expectParity({
      inputs: [{ name: 'x', shape: [1, 6, 4] }],
      outputs: [{ name: 'y' }],
      inits: [
        { name: 'i0', dims: [], values: [1], type: 'int64' },
        { name: 'ax', dims: [1], values: [0], type: 'int64' },
        { name: 'm1', dims: [1], values: [-1], type: 'int64' },
      ],
      nodes: [
        { op: 'Shape', inputs: ['x'], outputs: ['s'] },
        { op: 'Gather', inputs: ['s', 'i0'], outputs: ['d1'], attrs: { axis: 0 } },
        { op: 'Unsqueeze', inputs: ['d1', 'ax'], outputs: ['d1v'] },
        { op: 'Concat', inputs: ['d1v', 'm1'], outputs: ['shape'], attrs: { axis: 0 } },
        { op: 'Reshape', inputs: ['x', 'shape'], outputs: ['y'] },
      ],
    });
    expect(opsOf(p)).toEqual(['RESHAPE']);
    expect(p.converted.folded).toBe(4);
  });
});

describe('ONNX → TFLite: conv fusion edge cases', () => {
  it('Add(constant, conv) and Sub(conv, constant) fold into the bias; a scaled conv output read twice is not fused', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }, { name: 'z' }],
      inits: [
        { name: 'w', dims: [4, 3, 3, 3], values: values(108, 23, 0.5) },
        { name: 'w2', dims: [4, 4, 1, 1], values: values(16, 24, 0.5) },
        { name: 'c', dims: [4, 1, 1], values: [0.1, -0.2, 0.3, 1] },
        { name: 'd', dims: [], values: [0.25] },
      ],
      nodes: [
        toNchw,
        conv('xc', 'w', 'a', { pads: [1, 1, 1, 1] }),
        { op: 'Add', inputs: ['c', 'a'], outputs: ['b'] },
        { op: 'Sub', inputs: ['b', 'd'], outputs: ['s'] },
        { op: 'Relu', inputs: ['s'], outputs: ['r'] },
        toNhwc('r', 'y'),
        { op: 'Conv', inputs: ['r', 'w2'], outputs: ['q'], attrs: { kernel_shape: [1, 1] } },
        { op: 'Mul', inputs: ['q', 'd'], outputs: ['q2'] },
        { op: 'Add', inputs: ['q', 'q2'], outputs: ['q3'] },
        toNhwc('q3', 'z'),
      ],
    });
    expect(opsOf(p)).toEqual(['CONV_2D', 'CONV_2D', 'MUL', 'ADD']);
    expect(p.converted.model.operators[0].options).toMatchObject({ fused_activation_function: 'RELU' });
  });
});

describe('ONNX → TFLite: hard_swish', () => {
  it('Mul(c, x) · Clip(Add(x, 3), 0, 6) with c = 1/6 rounded through float16 → HARD_SWISH + MUL(6c); x (a conv output) also read elsewhere', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }, { name: 'z' }],
      inits: [
        { name: 'w', dims: [4, 3, 3, 3], values: values(108, 25, 2) },
        { name: 'c', dims: [], values: [0.1666259765625] },
        { name: 'three', dims: [], values: [3] },
        { name: 'zero', dims: [], values: [0] },
        { name: 'six', dims: [], values: [6] },
      ],
      nodes: [
        toNchw,
        conv('xc', 'w', 'u', { pads: [1, 1, 1, 1] }),
        { op: 'Mul', inputs: ['c', 'u'], outputs: ['a'] },
        { op: 'Add', inputs: ['u', 'three'], outputs: ['b'] },
        { op: 'Clip', inputs: ['b', 'zero', 'six'], outputs: ['r'] },
        { op: 'Mul', inputs: ['a', 'r'], outputs: ['h'] },
        toNhwc('h', 'y'),
        { op: 'Add', inputs: ['h', 'u'], outputs: ['s'] },
        toNhwc('s', 'z'),
      ],
    });
    expect(opsOf(p)).toEqual(['CONV_2D', 'HARD_SWISH', 'MUL', 'ADD']);
  });
});

describe('ONNX → TFLite: inputs refused up front', () => {
  it('a dynamic dimension beyond the batch: UNSUPPORTED naming the input; a dynamic batch alone converts', async () => {
    const g = (shape: number[]): TinyGraph => ({ inputs: [{ name: 'img', shape }], outputs: [{ name: 'y' }], nodes: [{ op: 'Relu', inputs: ['img'], outputs: ['y'] }] });
    await expect(parity(g([1, -1, -1, 3]))).rejects.toThrow(/graph input 'img' has dynamic dimensions beyond the batch/);
    const p = await expectParity(g([-1, 4, 4, 3]));
    expect(opsOf(p)).toEqual(['RELU']);
  });
});

describe('ONNX → TFLite: residual shift folding', () => {
  it('Sum(convA, convB) then Add(per-channel constant): the constant moves into one conv bias only, the Add disappears', async () => {
    const p = await expectParity({
      inputs: [NHWC_IN],
      outputs: [{ name: 'y' }],
      inits: [
        { name: 'wa', dims: [4, 3, 1, 1], values: values(12, 27) },
        { name: 'wb', dims: [4, 3, 3, 3], values: values(108, 28, 0.5) },
        { name: 'k', dims: [1, 4, 1, 1], values: [1, -2, 3, 0.5] },
      ],
      nodes: [
        toNchw,
        { op: 'Conv', inputs: ['xc', 'wa'], outputs: ['a'], attrs: { kernel_shape: [1, 1] } },
        conv('xc', 'wb', 'b', { pads: [1, 1, 1, 1] }),
        { op: 'Sum', inputs: ['a', 'b'], outputs: ['s'] },
        { op: 'Add', inputs: ['k', 's'], outputs: ['t'] },
        toNhwc('t', 'y'),
      ],
    });
    expect(opsOf(p)).toEqual(['CONV_2D', 'CONV_2D', 'ADD']);
  });
});
