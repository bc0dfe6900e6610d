// The ONNX reader on the bundled BlazeFace, checked against an independent onnx-proto decode.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { onnxReader } from '../../../../src-main/formats/onnx/reader';
import { bundledModelsDir } from '../../../../src-main/models/catalog';

const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');

describe('onnxReader', () => {
  it('matches .onnx names and ModelProto bytes', async () => {
    const head = (await fs.readFile(BLAZE)).subarray(0, 4096);
    expect(onnxReader.match(new Uint8Array(0), '/a/b.ONNX')).toBe(true);
    expect(onnxReader.match(head, '/a/b.bin')).toBe(true);
    expect(onnxReader.match(new TextEncoder().encode('{"modelTopology":1}'), '/a/model.json')).toBe(false);
  });

  it('inspects BlazeFace: names, shapes, ops, parameters, size', async () => {
    const r = await onnxReader.inspect(BLAZE);
    expect(r.format).toBe('onnx');
    expect(r.inputs).toEqual([{ name: 'input:0', shape: [1, 128, 128, 3], dtype: 'float32' }]);
    expect(r.outputs).toEqual([
      { name: 'Identity:0', shape: [1, 512, 1], dtype: 'float32' },
      { name: 'Identity_1:0', shape: [1, 384, 1], dtype: 'float32' },
      { name: 'Identity_2:0', shape: [1, 512, 16], dtype: 'float32' },
      { name: 'Identity_3:0', shape: [1, 384, 16], dtype: 'float32' },
    ]);
    expect(r.ops.Conv).toBe(37);
    expect(r.ops.Relu).toBe(17);
    expect(Object.values(r.ops).reduce((a, b) => a + b, 0)).toBe(104);

    const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(BLAZE));
    let params = 0;
    for (const t of m.graph?.initializer ?? []) params += (t.dims ?? []).reduce<number>((a, d) => a * Number(d), 1);
    expect(r.parameters).toBe(params);
    expect(r.parameters).toBeGreaterThan(90_000);
    expect(r.weightDtypes.float32! + r.weightDtypes.int64!).toBe(params);
    expect(r.sizeBytes).toBe((await fs.stat(BLAZE)).size);
    expect(r.files).toEqual([BLAZE]);
  });
});
