// `predict` on the bundled ONNX and TF.js detectors: the saved .npy input and outputs parse back with the shapes and
// dtypes listed (the .tflite cases, including quantized I/O, are in tflite.test.ts).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpy } from '../formats/npy-reader';
import { useTempEngine } from './helpers';

const engine = useTempEngine();
const DESCR: Record<string, string> = { float32: '<f4', int32: '<i4', uint8: '|u1', int8: '|i1', int16: '<i2' };

describe('predict (ONNX, TF.js)', () => {
  it('predict on the bundled SSD ONNX: input and outputs parse back with the shapes listed', async () => {
    const out = join(engine().dir, 'pred-onnx');
    const r = await engine().engine.predict({ model: 'ssd-mobilenet-v2-coco-onnx', clip: 'cup', frame: 3, saveOutputs: out });
    expect(r.model.format).toBe('onnx');
    expect(r.detections!.some((d) => d.label === 'person')).toBe(true);
    for (const t of [...r.inputs, ...r.outputs]) {
      expect(t.file!.startsWith(out)).toBe(true);
      const a = readNpy(await fs.readFile(t.file!));
      expect(a.shape).toEqual(t.shape);
      expect(a.descr).toBe(DESCR[t.dtype]);
    }
    expect(r.inputs[0].shape).toEqual([1, 300, 300, 3]);
  });

  it('predict on the bundled SSD TF.js graph: its int32 image input is saved as int32', async () => {
    const out = join(engine().dir, 'pred-tfjs');
    const r = await engine().engine.predict({ model: 'ssd-mobilenet-v2-coco', clip: 'cup', frame: 3, saveOutputs: out });
    expect(r.model.format).toBe('tfjs-graph');
    expect(r.inputs[0]).toMatchObject({ name: 'image_tensor', shape: [1, 300, 300, 3], dtype: 'int32' });
    const x = readNpy(await fs.readFile(r.inputs[0].file!));
    expect(x.descr).toBe('<i4');
    expect(x.data.every((v) => v >= 0 && v <= 255)).toBe(true);
    expect(r.detections!.some((d) => d.label === 'person')).toBe(true);
  });
});
