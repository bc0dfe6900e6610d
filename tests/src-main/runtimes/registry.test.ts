import { describe, expect, it } from 'vitest';
import { runtimeAvailability, runtimeFor } from '../../../src-main/runtimes/registry';

describe('runtime registry', () => {
  it('picks onnxruntime for onnx, tfjs for tfjs-graph and LiteRT.js for tflite', async () => {
    expect((await runtimeFor('onnx')).name).toBe('onnxruntime-node');
    expect((await runtimeFor('tfjs-graph')).name).toBe('tfjs');
    expect((await runtimeFor('tflite')).name).toBe('litert');
  });
  it('reports availability with backends', async () => {
    const a = await runtimeAvailability();
    const byName = Object.fromEntries(a.map((r) => [r.name, r]));
    expect(byName['onnxruntime-node'].available).toBe(true);
    expect(byName['onnxruntime-node'].backend).toBe('CPUExecutionProvider');
    expect(byName['tfjs'].backend).toBe('wasm');
    expect(byName['litert']).toMatchObject({ available: true, backend: 'wasm-xnnpack' });
  });
});
