// What onnxRuntime.run returns is the caller's to keep (runtimes/onnx-runtime.ts fromOrt takes onnxruntime-node's
// output arrays without copying them): every output of a run keeps its values after later runs of the same model,
// after the model is disposed, and after another model is loaded and run — each output has its own buffer.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { onnxRuntime } from '../../../src-main/runtimes/onnx-runtime';
import type { HostTensor } from '../../../src-main/runtimes/types';

const BLAZEFACE = join(process.cwd(), 'models/blazeface-front/face_detection_front_128x128.onnx');
const CENTERNET = join(process.cwd(), 'models/centernet-mobilenet-v3-coco-onnx/centernet.onnx');

const frame = (shape: number[], v: number): HostTensor => ({ data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(v), shape, dtype: 'float32' });

describe('onnxRuntime outputs', () => {
  it('keep their values through later runs, dispose and another model, each in its own buffer', async () => {
    const m = await onnxRuntime.load(BLAZEFACE, { threads: 1 });
    const shape = [1, 128, 128, 3];
    const first = await m.run({ 'input:0': frame(shape, 0.25) });
    const kept = Object.fromEntries(Object.entries(first).map(([k, t]) => [k, Float32Array.from(t.data as Float32Array)]));
    const second = await m.run({ 'input:0': frame(shape, -0.75) });
    expect(Object.keys(second).some((k) => !second[k]!.data.every((v, i) => v === kept[k]![i])), 'the second frame gives other values').toBe(true);
    await m.dispose();
    const other = await onnxRuntime.load(CENTERNET, { threads: 1 });
    try {
      await other.run({ [other.inputs[0]!.name]: frame([1, 512, 512, 3], 0.5) });
    } finally {
      await other.dispose();
    }
    const buffers = new Set<ArrayBufferLike>();
    for (const [k, t] of Object.entries(first)) {
      expect(Array.from(t.data), k).toEqual(Array.from(kept[k]!));
      expect(t.data.buffer).not.toBe(second[k]!.data.buffer);
      buffers.add(t.data.buffer);
    }
    expect(buffers.size).toBe(Object.keys(first).length);
  });
});
