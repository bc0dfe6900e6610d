// A small float32 TFLite conv net as an IR (formats/tflite/model-ir.ts), for the .tflite int8 tests: the ops of a
// mobile detector (CONV_2D, DEPTHWISE_CONV_2D, ADD, MUL, CONCATENATION, RESHAPE, LOGISTIC, MAX_POOL_2D, MEAN,
// RESIZE_BILINEAR), input 1×32×32×3 NHWC in [−1, 1], two outputs: 'scores' [1, 128] (LOGISTIC of a MEAN) and
// 'boxes' [1, 128, 4] (RESHAPE of a conv). Weights: He-style random (seeded), scaled per output channel by 0.25…2
// as BatchNorm folding leaves them, small biases; weights dominate the file (≈ 76 k float32 values).
import { addTensor, float32Const, int32Const, type TfliteModel } from '../../src-main/formats/tflite/model-ir';
import type { InputSpec } from '../../src-shared/types/model';

/** Deterministic uniform [0, 1) generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CONVNET_INPUT: InputSpec = { name: 'image', width: 32, height: 32, layout: 'NHWC', dtype: 'float32', range: [-1, 1], resize: 'stretch', channels: 'RGB' };

export function tfliteConvNet(seed = 7): TfliteModel {
  const r = rng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const m: TfliteModel = { description: 'EdgeLab test conv net', subgraphName: 'main', tensors: [], operators: [], inputs: [], outputs: [] };
  const act = (name: string, shape: number[]): number => addTensor(m, { name, type: 'float32', shape });
  /** Weights of `shape` whose channel axis `axis` has `channels` entries, fan-in `fanIn`. */
  const weights = (name: string, shape: number[], axis: number, fanIn: number): number => {
    const n = shape.reduce((a, b) => a * b, 1);
    const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const gain = Array.from({ length: shape[axis] }, () => 0.25 + 1.75 * r());
    const std = Math.sqrt(2 / fanIn);
    const v = Array.from({ length: n }, (_, i) => gauss() * std * gain[Math.floor(i / inner) % shape[axis]]);
    return addTensor(m, float32Const(name, shape, v));
  };
  const bias = (name: string, n: number): number => addTensor(m, float32Const(name, [n], Array.from({ length: n }, () => (r() - 0.5) * 0.2)));
  const conv = (name: string, x: number, cin: number, cout: number, k: number, stride: number, act6: string, hw: number): number => {
    const w = weights(`${name}/weights`, [cout, k, k, cin], 0, k * k * cin);
    const b = bias(`${name}/bias`, cout);
    const y = act(name, [1, hw, hw, cout]);
    m.operators.push({ op: 'CONV_2D', inputs: [x, w, b], outputs: [y], options: { padding: 'SAME', stride_w: stride, stride_h: stride, fused_activation_function: act6 } });
    return y;
  };

  const x = act('image', [1, 32, 32, 3]);
  m.inputs.push(x);
  const c1 = conv('conv1', x, 3, 16, 3, 2, 'RELU6', 16);
  const wd = weights('dw1/weights', [1, 3, 3, 16], 3, 9);
  const bd = bias('dw1/bias', 16);
  const d1 = act('dw1', [1, 16, 16, 16]);
  m.operators.push({ op: 'DEPTHWISE_CONV_2D', inputs: [c1, wd, bd], outputs: [d1], options: { padding: 'SAME', stride_w: 1, stride_h: 1, depth_multiplier: 1, fused_activation_function: 'RELU6' } });
  const c2 = conv('conv2', d1, 16, 32, 1, 1, 'NONE', 16);
  const c3 = conv('conv3', c1, 16, 32, 1, 1, 'NONE', 16);
  const a1 = act('add1', [1, 16, 16, 32]);
  m.operators.push({ op: 'ADD', inputs: [c2, c3], outputs: [a1], options: { fused_activation_function: 'NONE' } });
  const k = addTensor(m, float32Const('mul1/scale', [32], Array.from({ length: 32 }, () => 0.5 + r())));
  const m1 = act('mul1', [1, 16, 16, 32]);
  m.operators.push({ op: 'MUL', inputs: [a1, k], outputs: [m1], options: { fused_activation_function: 'NONE' } });
  const p1 = act('pool1', [1, 8, 8, 32]);
  m.operators.push({ op: 'MAX_POOL_2D', inputs: [m1], outputs: [p1], options: { padding: 'VALID', stride_w: 2, stride_h: 2, filter_width: 2, filter_height: 2, fused_activation_function: 'NONE' } });
  const size = addTensor(m, int32Const('resize1/size', [2], [16, 16]));
  const u1 = act('resize1', [1, 16, 16, 32]);
  m.operators.push({ op: 'RESIZE_BILINEAR', inputs: [p1, size], outputs: [u1], options: { align_corners: false, half_pixel_centers: true } });
  const cat = act('concat1', [1, 16, 16, 64]);
  m.operators.push({ op: 'CONCATENATION', inputs: [u1, a1], outputs: [cat], options: { axis: 3, fused_activation_function: 'NONE' } });
  const c4 = conv('conv4', cat, 64, 128, 3, 2, 'RELU', 8);
  const axes = addTensor(m, int32Const('mean1/axes', [2], [1, 2]));
  const mean = act('mean1', [1, 128]);
  m.operators.push({ op: 'MEAN', inputs: [c4, axes], outputs: [mean], options: { keep_dims: false } });
  const scores = act('scores', [1, 128]);
  m.operators.push({ op: 'LOGISTIC', inputs: [mean], outputs: [scores] });
  const c5 = conv('conv5', c4, 128, 8, 1, 1, 'NONE', 8);
  const shape = addTensor(m, int32Const('boxes/shape', [3], [1, 128, 4]));
  const boxes = act('boxes', [1, 128, 4]);
  m.operators.push({ op: 'RESHAPE', inputs: [c5, shape], outputs: [boxes], options: { new_shape: [1, 128, 4] } });
  m.outputs.push(scores, boxes);
  return m;
}
