// LiteRT.js (runtimes/tflite-runtime.ts) on real .tflite files: the tflite-micro fixtures (batch -1, int8 I/O, int16
// I/O) and the small TF-converter files of tests/fixtures/tflite (make_synthetic.py): an embedder in float32 and with
// int8 / uint8 I/O, an SSD-style head ending in TFLite_Detection_PostProcess. Bad files never reach LiteRT.js.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EdgeLabError } from '../../../src-shared/protocol';
import { runtimeFor } from '../../../src-main/runtimes/registry';
import { tfliteRuntime } from '../../../src-main/runtimes/tflite-runtime';
import type { HostTensor } from '../../../src-main/runtimes/types';
import { FlatBuffer } from '../../../src-main/formats/tflite/flatbuffer';
import { promises as fs } from 'node:fs';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'tflite');
const BAD = join(import.meta.dirname, '..', '..', 'fixtures', 'bad', 'models');

async function runOnce(file: string, fill: (i: number) => number): Promise<{ out: Record<string, HostTensor>; inputs: { name: string; shape: number[]; dtype: string; stored?: unknown }[]; outputs: { name: string; shape: number[]; dtype: string; stored?: unknown }[] }> {
  const m = await tfliteRuntime.load(file);
  try {
    const i0 = m.inputs[0];
    const n = i0.shape.reduce((a, b) => a * b, 1);
    const out = await m.run({ [i0.name]: { data: Float32Array.from({ length: n }, (_, i) => fill(i)), shape: i0.shape, dtype: 'float32' } });
    return { out, inputs: m.inputs, outputs: m.outputs };
  } finally {
    await m.dispose();
  }
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

describe('tflite runtime (LiteRT.js)', () => {
  it('is the registry runtime for .tflite', async () => {
    const r = await runtimeFor('tflite');
    expect(r.name).toBe('litert');
    expect(await r.availability()).toMatchObject({ available: true, backend: 'wasm-xnnpack' });
  });

  it('runs a model whose batch is -1 at batch 1 (hello_world_float: sin(π/2))', async () => {
    const r = await runOnce(join(FIX, 'hello_world_float.tflite'), () => Math.PI / 2);
    expect(r.inputs).toEqual([{ name: 'serving_default_dense_input:0', shape: [1, 1], dtype: 'float32' }]);
    const y = r.out['StatefulPartitionedCall:0'];
    expect(y.shape).toEqual([1, 1]);
    expect(y.data[0]).toBeCloseTo(0.9957, 3);
  });

  it('int8 input/output: quantized and dequantized with the scale and zero point stored in the file', async () => {
    const r = await runOnce(join(FIX, 'hello_world_int8.tflite'), () => Math.PI / 2);
    expect(r.inputs[0]).toMatchObject({ dtype: 'float32', stored: { dtype: 'int8', zeroPoint: -128 } });
    const st = r.outputs[0].stored as { scale: number; zeroPoint: number };
    const y = r.out[r.outputs[0].name].data[0];
    expect(Math.abs(y - 1)).toBeLessThan(0.05); // sin(π/2) through the int8 model
    const q = y / st.scale + st.zeroPoint; // an integer of the int8 grid: the dequantized interpreter output
    expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-3);
  });

  it('int16 input/output (16x8 conv0) runs and keeps its shapes', async () => {
    const r = await runOnce(join(FIX, 'conv0.tflite'), (i) => Math.sin(i / 10) * 0.02);
    expect(r.inputs[0].stored).toMatchObject({ dtype: 'int16' });
    const o = r.out[r.outputs[0].name];
    expect(o.shape).toEqual([1, 2, 160, 8]);
    expect(o.data.some((v) => v !== 0)).toBe(true);
  });

  it('TF converter files: float32 (batch -1) vs int8 I/O vs uint8 I/O give the same embedding (cosine ≥ 0.99)', async () => {
    const fill = (i: number) => ((i * 37) % 255) / 127.5 - 1;
    const f = await runOnce(join(FIX, 'tiny_embedder_float.tflite'), fill);
    expect(f.inputs[0].shape).toEqual([1, 64, 64, 3]);
    const ref = f.out['StatefulPartitionedCall_1:0'].data;
    for (const q of ['tiny_embedder_int8io.tflite', 'tiny_embedder_uint8io.tflite']) {
      const r = await runOnce(join(FIX, q), fill);
      expect(r.inputs[0].stored).toBeDefined();
      const got = r.out['StatefulPartitionedCall_1:0'].data;
      const c = cosine(ref, got);
      console.log(`${q} vs float32: cosine ${c.toFixed(5)}`);
      expect(c).toBeGreaterThan(0.99);
    }
  });

  it('TFLite_Detection_PostProcess: outputs get their real shapes (boxes [1,10,4], classes, scores, count)', async () => {
    const r = await runOnce(join(FIX, 'tiny_ssd_postprocess.tflite'), (i) => ((i * 13) % 200) / 100 - 1);
    expect(Object.values(r.out).map((v) => v.shape.join('x')).sort()).toEqual(['1', '1x10', '1x10', '1x10x4']);
    expect(r.out['PartitionedCall:0'].shape).toEqual([1, 10, 4]);
    expect(r.out['PartitionedCall:3'].data[0]).toBe(10);
    const scores = r.out['PartitionedCall:2'].data;
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1]);
  });

  it('a boundary tensor it cannot exchange is refused naming the tensor and why (float16, string input)', async () => {
    // hello_world_int8 with its input tensor's element type rewritten in memory (schema.fbs Tensor.type, field 1).
    const file = join(FIX, 'hello_world_int8.tflite');
    const bytes = new Uint8Array(await fs.readFile(file));
    const sg = new FlatBuffer(bytes, file).root().tables(2)[0];
    const typeAt = sg.tables(0)[sg.i32s(1)[0]].field(1);
    expect(bytes[typeAt]).toBe(9); // INT8 as stored
    for (const [code, name] of [[1, 'float16'], [5, 'string']] as const) {
      bytes[typeAt] = code;
      const e = (await tfliteRuntime.load(file, { bytes }).catch((x: unknown) => x)) as EdgeLabError;
      expect(e.code).toBe('UNSUPPORTED');
      expect(e.message).toContain(`input tensor 'serving_default_dense_input:0' has element type ${name}`);
      expect(e.file).toBe(file);
    }
  });

  it('a truncated file or offsets past the end: BAD_INPUT from the bounded reader naming the file (LiteRT.js never gets it)', async () => {
    for (const f of ['truncated.tflite', 'offset-past-end.tflite', 'offset-bomb.tflite', 'wrong-magic.tflite']) {
      const file = join(BAD, f);
      const e = await tfliteRuntime.load(file).catch((x: unknown) => x);
      expect(e, f).toBeInstanceOf(EdgeLabError);
      expect((e as EdgeLabError).code, f).toBe('BAD_INPUT');
      expect((e as EdgeLabError).file, f).toBe(file);
      expect((e as EdgeLabError).message, f).toMatch(/FlatBuffer|not a TFLite model/); // the reader's words, not LiteRT's
    }
  });
});
