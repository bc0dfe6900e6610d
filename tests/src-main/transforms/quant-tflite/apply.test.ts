// The full-integer rewrite of a float TFLite IR (quant-tflite/apply.ts) on the test conv net, with made-up ranges:
// structure (QUANTIZE after the float input, DEQUANTIZE before each float output, int8 kernels, int32 bias), the
// TFLite kernels' parameter constraints, and --exclude keeping an op float.
import { describe, expect, it } from 'vitest';
import { quantizeTflite } from '../../../../src-main/transforms/quant-tflite/apply';
import { augmentForCalibration } from '../../../../src-main/transforms/quant-tflite/augment';
import type { TfliteModel } from '../../../../src-main/formats/tflite/model-ir';
import { tfliteConvNet } from '../../../support/tflite-convnet';

/** A range per float activation: [−1, 1] for the input, [−k, 2k] inside (k grows along the graph). */
function fakeRanges(m: TfliteModel): Map<number, [number, number]> {
  const r = new Map<number, [number, number]>();
  m.tensors.forEach((t, i) => {
    if (t.type === 'float32' && !t.data) r.set(i, [-(1 + i / 10), 2 + i / 5]);
  });
  return r;
}

const byName = (m: TfliteModel, name: string) => m.tensors.find((t) => t.name === name)!;
const producer = (m: TfliteModel, name: string) => m.operators.find((o) => o.outputs.some((i) => m.tensors[i].name === name))!;

describe("quantizeTflite, post-processing int8 too (TF's converter)", () => {
  const src = tfliteConvNet();
  const before = JSON.stringify(src.operators);
  const res = quantizeTflite(src, fakeRanges(src), { postProcessing: 'int8' });
  const q = res.model;

  it('leaves the source IR as it was', () => {
    expect(JSON.stringify(src.operators)).toBe(before);
    expect(src.tensors.every((t) => t.type !== 'int8')).toBe(true);
  });

  it('keeps float32 I/O through QUANTIZE after the input and DEQUANTIZE before each output, names kept', () => {
    expect(q.inputs.map((i) => [q.tensors[i].name, q.tensors[i].type])).toEqual([['image', 'float32']]);
    expect(q.outputs.map((i) => [q.tensors[i].name, q.tensors[i].type])).toEqual([
      ['scores', 'float32'],
      ['boxes', 'float32'],
    ]);
    expect(q.operators[0].op).toBe('QUANTIZE');
    expect(q.operators[0].inputs).toEqual(q.inputs);
    for (const o of q.outputs) {
      const p = q.operators.find((op) => op.outputs.includes(o))!;
      expect(p.op).toBe('DEQUANTIZE');
      expect(q.tensors[p.inputs[0]].type).toBe('int8');
    }
    expect(res.kept).toEqual([]);
    expect(res.quantizedOps).toBe(src.operators.length);
  });

  it('gives every CONV_2D / DEPTHWISE_CONV_2D int8 input, int8 per-channel symmetric filter, int32 bias with scale s_in·s_w', () => {
    const convs = q.operators.filter((o) => o.op === 'CONV_2D' || o.op === 'DEPTHWISE_CONV_2D');
    expect(convs.length).toBe(6);
    for (const c of convs) {
      const [x, w, b] = c.inputs.map((i) => q.tensors[i]);
      expect([x.type, w.type, b.type, q.tensors[c.outputs[0]].type]).toEqual(['int8', 'int8', 'int32', 'int8']);
      const axis = c.op === 'CONV_2D' ? 0 : 3;
      expect(w.quant!.quantizedDimension).toBe(axis);
      expect(w.quant!.scale.length).toBe(w.shape[axis]);
      expect(w.quant!.zeroPoint.every((z) => z === 0)).toBe(true);
      const wq = new Int8Array(w.data!.buffer, w.data!.byteOffset, w.data!.length);
      expect(Math.min(...wq)).toBeGreaterThanOrEqual(-127);
      expect(Math.max(...wq)).toBe(127); // the channel's largest |w| maps to 127
      // stored as float32: within the kernels' relative tolerance 1e-6 (conv.cc PopulateConvolutionQuantizationParams)
      b.quant!.scale.forEach((s, k) => expect(Math.abs(s / (x.quant!.scale[0] * w.quant!.scale[k]) - 1)).toBeLessThan(1e-6));
      expect(c.version).toBe(3);
      expect(b.data!.length).toBe(4 * b.shape[0]);
    }
  });

  it('meets the kernels: LOGISTIC out 1/256 −128, same-scale ops keep their input parameters, CONCATENATION inputs = output', () => {
    const sig = q.tensors[producer(q, 'scores_int8').outputs[0]].quant!;
    expect(sig.scale[0]).toBe(1 / 256);
    expect(sig.zeroPoint[0]).toBe(-128);
    for (const name of ['pool1', 'resize1', 'boxes_int8']) {
      const op = producer(q, name);
      expect(q.tensors[op.outputs[0]].quant).toEqual(q.tensors[op.inputs[0]].quant);
    }
    const cat = producer(q, 'concat1');
    for (const i of cat.inputs) expect(q.tensors[i].quant).toEqual(q.tensors[cat.outputs[0]].quant);
    expect(cat.inputs.some((i) => producer(q, q.tensors[i].name).op === 'QUANTIZE')).toBe(true); // requantized input
    expect(producer(q, 'resize1').version).toBe(3); // half_pixel_centers
    const mul = producer(q, 'mul1');
    expect(q.tensors[mul.inputs[1]].type).toBe('int8');
  });

  it('drops the float32 weights: every constant left is int8 or int32', () => {
    expect(q.tensors.filter((t) => t.data).every((t) => t.type === 'int8' || t.type === 'int32')).toBe(true);
    expect(new Set(q.tensors.map((t) => t.name)).size).toBe(q.tensors.length);
  });

  it('--exclude keeps a named op float with DEQUANTIZE before and QUANTIZE after', () => {
    const r = quantizeTflite(src, fakeRanges(src), { exclude: new Set(['add1']), postProcessing: 'int8' });
    expect(r.kept).toEqual([{ name: 'add1', reason: 'excluded by --exclude' }]);
    const m = r.model;
    const add = producer(m, 'add1');
    expect(add.inputs.map((i) => m.tensors[i].type)).toEqual(['float32', 'float32']);
    expect(add.inputs.map((i) => producer(m, m.tensors[i].name).op)).toEqual(['DEQUANTIZE', 'DEQUANTIZE']);
    expect(m.tensors[add.outputs[0]].type).toBe('float32');
    const mul = producer(m, 'mul1');
    expect(producer(m, m.tensors[mul.inputs[0]].name).op).toBe('QUANTIZE');
  });
});

describe('quantizeTflite, --exclude by op type', () => {
  it("'CONV_2D' keeps every CONV_2D float, each reported by its output name; DEPTHWISE_CONV_2D stays int8", () => {
    const src = tfliteConvNet();
    const r = quantizeTflite(src, fakeRanges(src), { exclude: new Set(['CONV_2D']), postProcessing: 'int8' });
    expect(r.kept.map((k) => k.name)).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'conv5']);
    const m = r.model;
    expect(m.operators.filter((o) => o.op === 'CONV_2D').every((o) => m.tensors[o.inputs[1]].type === 'float32')).toBe(true);
    expect(m.tensors[m.operators.find((o) => o.op === 'DEPTHWISE_CONV_2D')!.inputs[1]].type).toBe('int8');
  });
});

describe('quantizeTflite, default: post-processing stays float32', () => {
  it('keeps the ops after the last weighted op float (one keptFloat entry), the convs int8, DEQUANTIZE at the last conv outputs', () => {
    const src = tfliteConvNet();
    const r = quantizeTflite(src, fakeRanges(src));
    expect(r.kept).toEqual([{ name: 'post-processing', reason: expect.stringMatching(/^3 op\(s\) after the last CONV_2D .*\(1 MEAN, 1 LOGISTIC, 1 RESHAPE\) kept in float32/) }]);
    expect(r.postProcessingOps).toBe(3);
    const m = r.model;
    for (const name of ['mean1', 'scores', 'boxes']) {
      const op = producer(m, name);
      expect([...op.inputs.filter((i) => !m.tensors[i].data), ...op.outputs].map((i) => m.tensors[i].type), name).toEqual(['float32', 'float32']);
    }
    expect(producer(m, m.tensors[producer(m, 'mean1').inputs[0]].name).op).toBe('DEQUANTIZE');
    expect(m.operators.filter((o) => o.op === 'CONV_2D').every((o) => m.tensors[o.outputs[0]].type === 'int8')).toBe(true);
    expect(m.operators.filter((o) => o.op === 'DEQUANTIZE').length).toBe(2); // conv4 and conv5 outputs
  });
});

describe('augmentForCalibration', () => {
  it('adds every float activation an op writes as an output, once, the source untouched', () => {
    const src = tfliteConvNet();
    const { model, taps } = augmentForCalibration(src);
    expect(src.outputs.length).toBe(2);
    expect(taps.map((t) => t.name)).toEqual(['conv1', 'dw1', 'conv2', 'conv3', 'add1', 'mul1', 'pool1', 'resize1', 'concat1', 'conv4', 'mean1', 'scores', 'conv5', 'boxes']);
    expect(model.outputs.length).toBe(taps.length);
    expect(new Set(model.outputs).size).toBe(model.outputs.length);
  });
});
