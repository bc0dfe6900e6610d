// Test helper (not a test): small real TFLite models built in EdgeLab's IR (formats/tflite/model-ir.ts) with
// deterministic weights, and a LiteRT.js run helper. NHWC float32; filters OHWI (CONV_2D), 1HWO (DEPTHWISE_CONV_2D),
// [out, in] (FULLY_CONNECTED), as TFLite's kernels expect.
import { addTensor, float32Const, int32Const, type TfliteModel } from '../../src-main/formats/tflite/model-ir';
import { tfliteRuntime } from '../../src-main/runtimes/tflite-runtime';
import type { HostTensor } from '../../src-main/runtimes/types';
import { seeded } from './onnx-build';

/** Roughly normal values (sum of 3 uniforms) × `std`: weights that look trained-ish, not uniform noise. */
export function gaussian(seed: number, n: number, std: number): Float32Array {
  const r = seeded(seed);
  return Float32Array.from({ length: n }, () => (r() + r() + r()) * std); // each uniform on [-1, 1) has variance 1/3
}

/** A small conv net, input 'image' [1, 32, 32, 3] float32 (batch -1 in its signature) → 'logits' [1, 64]:
 *  CONV_2D 3×3/2 (3→32, RELU6) → CONV_2D 3×3 (32→96, RELU6) → DEPTHWISE_CONV_2D 3×3 (96, RELU6) → CONV_2D 1×1
 *  (96→192, RELU6) + a 1×1 CONV_2D skip (96→192) → ADD → MEAN over H, W → FULLY_CONNECTED 192→64. He-scaled
 *  pseudo-normal weights (seed); ~79k parameters, most of them in layers with ≥ 1024 weights (conv-heavy). */
export function smallConvNet(seed = 7): TfliteModel {
  const m: TfliteModel = { description: 'EdgeLab test conv net', subgraphName: 'main', tensors: [], operators: [], inputs: [], outputs: [] };
  const act = (name: string, shape: number[]) => addTensor(m, { name, type: 'float32', shape });
  const w = (name: string, shape: number[], fanIn: number, k: number) => addTensor(m, float32Const(name, shape, gaussian(seed * 100 + k, shape.reduce((a, b) => a * b, 1), Math.sqrt(2 / fanIn))));
  const bias = (name: string, n: number, k: number) => addTensor(m, float32Const(name, [n], gaussian(seed * 100 + k, n, 0.05)));
  const conv = (name: string, x: number, cin: number, cout: number, k: number, stride: number, relu6: boolean, hw: number, seedK: number) => {
    const y = act(name, [1, hw, hw, cout]);
    m.operators.push({ op: 'CONV_2D', inputs: [x, w(`${name}/w`, [cout, k, k, cin], k * k * cin, seedK), bias(`${name}/b`, cout, seedK + 1)], outputs: [y], options: { padding: 'SAME', stride_w: stride, stride_h: stride, fused_activation_function: relu6 ? 'RELU6' : 'NONE' } });
    return y;
  };
  const x = act('image', [1, 32, 32, 3]);
  m.tensors[x].shapeSignature = [-1, 32, 32, 3];
  m.inputs.push(x);
  const c1 = conv('conv1', x, 3, 32, 3, 2, true, 16, 1);
  const c2 = conv('conv2', c1, 32, 96, 3, 1, true, 16, 3);
  const d1 = act('dw1', [1, 16, 16, 96]);
  m.operators.push({ op: 'DEPTHWISE_CONV_2D', inputs: [c2, w('dw1/w', [1, 3, 3, 96], 9, 5), bias('dw1/b', 96, 6)], outputs: [d1], version: 2, options: { padding: 'SAME', stride_w: 1, stride_h: 1, depth_multiplier: 1, fused_activation_function: 'RELU6' } });
  const p1 = conv('pw1', d1, 96, 192, 1, 1, true, 16, 7);
  const s1 = conv('skip', c2, 96, 192, 1, 1, false, 16, 9);
  const a1 = act('add', [1, 16, 16, 192]);
  m.operators.push({ op: 'ADD', inputs: [p1, s1], outputs: [a1], options: { fused_activation_function: 'NONE' } });
  const g = act('gap', [1, 192]);
  m.operators.push({ op: 'MEAN', inputs: [a1, addTensor(m, int32Const('gap/axes', [2], [1, 2]))], outputs: [g], options: { keep_dims: false } });
  const y = act('logits', [1, 64]);
  m.operators.push({ op: 'FULLY_CONNECTED', inputs: [g, w('fc/w', [64, 192], 192, 11), bias('fc/b', 64, 12)], outputs: [y], options: { fused_activation_function: 'NONE' } });
  m.outputs.push(y);
  return m;
}

/** A deterministic image-like input in [-1, 1] of `n` values. */
export const imageFill = (i: number): number => Math.sin(i * 0.37) * 0.8 + Math.cos(i * 0.011) * 0.2;

/** Runs the .tflite at `file` (or `bytes` named `file`) in LiteRT.js on float32 input 0 filled by `fill`; outputs by name. */
export async function runTflite(file: string, fill: (i: number) => number, bytes?: Uint8Array): Promise<Record<string, HostTensor>> {
  const m = await tfliteRuntime.load(file, bytes ? { bytes } : undefined);
  try {
    const i0 = m.inputs[0];
    const n = i0.shape.reduce((a, b) => a * b, 1);
    return await m.run({ [i0.name]: { data: Float32Array.from({ length: n }, (_, i) => fill(i)), shape: i0.shape, dtype: 'float32' } });
  } finally {
    await m.dispose();
  }
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa === 0 && bb === 0 ? 1 : ab / Math.sqrt(aa * bb);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}
