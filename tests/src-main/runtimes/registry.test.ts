import { describe, expect, it } from 'vitest';
import { runtimeAvailability, runtimeFor } from '../../../src-main/runtimes/registry';

describe('runtime registry', () => {
  it('picks onnxruntime for onnx and tfjs for tfjs-graph', async () => {
    expect((await runtimeFor('onnx')).name).toBe('onnxruntime-node');
    expect((await runtimeFor('tfjs-graph')).name).toBe('tfjs');
  });
  it('reports availability with backends', async () => {
    const a = await runtimeAvailability();
    const byName = Object.fromEntries(a.map((r) => [r.name, r]));
    expect(byName['onnxruntime-node'].available).toBe(true);
    expect(byName['onnxruntime-node'].backend).toBe('CPUExecutionProvider');
    expect(byName['tfjs'].backend).toBe('wasm');
  });
});
