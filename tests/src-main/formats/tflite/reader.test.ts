// TFLite reader on real .tflite files (tests/fixtures/tflite, from tensorflow/tflite-micro) and on corrupt
// copies of them: ops, tensor dtypes, parameters, quantization parameters, size, clear errors.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { tfliteReader } from '../../../../src-main/formats/tflite/reader';
import { detectFormat, inspectModel } from '../../../../src-main/models/registry';
import { EdgeLabError } from '../../../../src-shared/protocol';

const DIR = join(process.cwd(), 'tests/fixtures/tflite');
const INT8 = join(DIR, 'hello_world_int8.tflite');
const FLOAT = join(DIR, 'hello_world_float.tflite');
const CONV = join(DIR, 'conv0.tflite');

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-tflite-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('tflite reader on real files', () => {
  it('hello_world int8: three FULLY_CONNECTED, 321 parameters, int8 weights + int32 biases, int8 I/O', async () => {
    const r = await tfliteReader.inspect(INT8);
    expect(r.format).toBe('tflite');
    expect(r.ops).toEqual({ FULLY_CONNECTED: 3 });
    expect(r.parameters).toBe(321); // 1·16+16 + 16·16+16 + 16·1+1
    expect(r.weightDtypes).toEqual({ int8: 288, int32: 33 });
    expect(r.weightTensors).toEqual({ int8: 3, int32: 3 });
    expect(r.opParameters).toEqual({ FULLY_CONNECTED: 321 });
    expect(r.inputs).toEqual([{ name: 'serving_default_dense_input:0', shape: [-1, 1], dtype: 'int8' }]);
    expect(r.outputs).toEqual([{ name: 'StatefulPartitionedCall:0', shape: [-1, 1], dtype: 'int8' }]);
    expect(r.sizeBytes).toBe(2704);
    expect(r.files).toEqual([INT8]);
  });

  it('hello_world int8: quantization parameters of weights and activations', async () => {
    const q = (await tfliteReader.inspect(INT8)).quantization!;
    expect(q).toHaveLength(10); // 6 constants + input + 2 hidden activations + output
    const input = q.find((x) => x.tensor === 'serving_default_dense_input:0')!;
    expect(input).toMatchObject({ dtype: 'int8', scheme: 'per-tensor', channels: 1, zeroPoint: [-128], role: 'activation' });
    expect(input.scale[0]).toBeCloseTo(0.02448, 5);
    const w = q.find((x) => x.tensor === 'sequential/dense_1/MatMul')!;
    expect(w).toMatchObject({ dtype: 'int8', scheme: 'per-tensor', zeroPoint: [0], role: 'weight' });
    const bias = q.find((x) => x.tensor === 'sequential/dense_1/BiasAdd/ReadVariableOp')!;
    expect(bias.dtype).toBe('int32');
    // TFLite's bias scale is input scale × weight scale: dense_1 reads dense's output activation
    const act = q.find((x) => x.tensor.startsWith('sequential/dense/MatMul;'))!;
    expect(bias.scale[0]).toBeCloseTo(act.scale[0] * w.scale[0], 9);
    expect(q.find((x) => x.tensor === 'StatefulPartitionedCall:0')!.zeroPoint).toEqual([5]);
  });

  it('hello_world float: same graph, float32 weights, no quantization', async () => {
    const r = await tfliteReader.inspect(FLOAT);
    expect(r.parameters).toBe(321);
    expect(r.weightDtypes).toEqual({ float32: 321 });
    expect(r.quantization).toEqual([]);
    expect(r.inputs[0].dtype).toBe('float32');
  });

  it('conv0 (16x8): per-channel int8 kernel on axis 0, int16 activations, int64 bias', async () => {
    const r = await tfliteReader.inspect(CONV);
    expect(r.ops).toEqual({ CONV_2D: 1 });
    expect(r.inputs[0]).toMatchObject({ dtype: 'int16', shape: [1, 8, 166, 2] });
    expect(r.weightDtypes).toEqual({ int8: 784, int64: 8 });
    const k = r.quantization!.find((x) => x.dtype === 'int8')!;
    expect(k).toMatchObject({ scheme: 'per-channel', axis: 0, channels: 8, role: 'weight' });
    expect(k.scale).toHaveLength(8);
    expect(k.scaleRange[0]).toBeLessThanOrEqual(k.scaleRange[1]);
    expect(k.scaleRange[0]).toBeGreaterThan(0);
  });

  it('is picked by the registry (by name and by the TFL3 identifier) and inspected with nothing else needed', async () => {
    expect((await detectFormat(INT8)).format).toBe('tflite');
    const renamed = join(scratch, 'model.bin');
    await fs.copyFile(INT8, renamed);
    expect((await detectFormat(renamed)).format).toBe('tflite');
    expect((await inspectModel(renamed)).parameters).toBe(321);
  });
});

describe('tflite reader on bad input', () => {
  async function bad(name: string, bytes: Uint8Array): Promise<EdgeLabError> {
    const f = join(scratch, name);
    await fs.writeFile(f, bytes);
    const e = await tfliteReader.inspect(f).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(EdgeLabError);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e as EdgeLabError).file).toBe(f);
    return e as EdgeLabError;
  }

  it('truncated file: names the byte outside the file', async () => {
    const src = await fs.readFile(INT8);
    const e = await bad('truncated.tflite', src.subarray(0, 600));
    expect(e.message).toMatch(/truncated|corrupt/);
  });
  it('wrong identifier, empty file', async () => {
    const src = Buffer.from(await fs.readFile(INT8));
    src.write('XXXX', 4);
    expect((await bad('ident.tflite', src)).message).toMatch(/'XXXX', expected 'TFL3'/);
    expect((await bad('empty.tflite', new Uint8Array(0))).message).toMatch(/not a TFLite model/);
  });
  it('root offset pointing past the end', async () => {
    const src = Buffer.from(await fs.readFile(INT8));
    src.writeUInt32LE(0xfffff0, 0);
    expect((await bad('root.tflite', src)).message).toMatch(/outside the 2704-byte file/);
  });
  it('every single-byte corruption of the header region fails cleanly or parses (never a raw exception)', async () => {
    const src = await fs.readFile(INT8);
    for (let i = 0; i < 64; i++) {
      const b = Buffer.from(src);
      b[i] ^= 0xa5;
      const f = join(scratch, `flip${i}.tflite`);
      await fs.writeFile(f, b);
      const r = await tfliteReader.inspect(f).then(() => 'ok', (x: unknown) => x);
      if (r !== 'ok') expect(r).toBeInstanceOf(EdgeLabError);
    }
  });
});
