import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnxRuntime } from '../../../src-main/runtimes/onnx-runtime';
import { EdgeLabError } from '../../../src-shared/protocol';

const BLAZEFACE = join(process.cwd(), 'models/blazeface-front/face_detection_front_128x128.onnx');

describe('onnxRuntime', () => {
  it('loads BlazeFace and returns the documented output shapes', async () => {
    const m = await onnxRuntime.load(BLAZEFACE, { threads: 1 });
    try {
      expect(m.backend).toBe('CPUExecutionProvider');
      expect(m.inputs.map((i) => i.name)).toEqual(['input:0']);
      expect(m.inputs[0].shape.slice(1)).toEqual([128, 128, 3]);
      const data = new Float32Array(128 * 128 * 3).map((_, i) => ((i % 255) / 127.5) - 1);
      const out = await m.run({ 'input:0': { data, shape: [1, 128, 128, 3], dtype: 'float32' } });
      expect(out['Identity:0'].shape).toEqual([1, 512, 1]);
      expect(out['Identity_1:0'].shape).toEqual([1, 384, 1]);
      expect(out['Identity_2:0'].shape).toEqual([1, 512, 16]);
      expect(out['Identity_3:0'].shape).toEqual([1, 384, 16]);
      expect(out['Identity_2:0'].data.length).toBe(512 * 16);
      const fetched = await m.run({ 'input:0': { data, shape: [1, 128, 128, 3], dtype: 'float32' } }, ['Identity:0']);
      expect(Object.keys(fetched)).toEqual(['Identity:0']);
      expect(Array.from(fetched['Identity:0'].data)).toEqual(Array.from(out['Identity:0'].data));
    } finally {
      await m.dispose();
    }
    await expect(m.run({})).rejects.toThrow(/after dispose/);
  });

  it('a file that is not ONNX → BAD_INPUT naming the file', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-onnx-'));
    const bad = join(dir, 'bad.onnx');
    await fs.writeFile(bad, 'this is not a protobuf');
    const err = await onnxRuntime.load(bad).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(bad);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
