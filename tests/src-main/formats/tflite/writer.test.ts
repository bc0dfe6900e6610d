// TFLite writer (formats/tflite/writer.ts) and .tflite → IR reader (read-model.ts) on real files: every fixture of
// tests/fixtures/tflite read → written → run in LiteRT.js gives the original's outputs; a hand-built model runs and
// matches values computed here by naive loops; the file layout follows schema.fbs (TFL3, version 3, sentinel buffer,
// 16-byte aligned data, both opcode fields); bad IR is refused by name and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { EdgeLabError } from '../../../../src-shared/protocol';
import { readTfliteModel } from '../../../../src-main/formats/tflite/read-model';
import { serializeTflite, writeTfliteAtomic } from '../../../../src-main/formats/tflite/writer';
import { FlatBuffer } from '../../../../src-main/formats/tflite/flatbuffer';
import { inspectTfliteBytes } from '../../../../src-main/formats/tflite/reader';
import { addTensor, float32Const, int32Const, type TfliteModel } from '../../../../src-main/formats/tflite/model-ir';
import { TFLITE_OPTIONS } from '../../../../src-main/formats/tflite/options';
import { cosine, imageFill, maxAbsDiff, runTflite, smallConvNet } from '../../../support/tflite-build';

const FIX = join(process.cwd(), 'tests/fixtures/tflite');
let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-tflw-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('read → write round trip of real .tflite files', async () => {
  const files = (await fs.readdir(FIX)).filter((f) => f.endsWith('.tflite')).sort();
  it('covers every fixture', () => expect(files.length).toBeGreaterThanOrEqual(7));
  for (const f of files) {
    it(`${f}: same ops, tensors and quantization, and the same LiteRT.js outputs`, async () => {
      const src = join(FIX, f);
      const bytes = new Uint8Array(await fs.readFile(src));
      const model = readTfliteModel(bytes, src);
      const out = join(scratch, f);
      const written = await writeTfliteAtomic(out, model);
      expect(new Uint8Array(await fs.readFile(out))).toEqual(written);
      const a = inspectTfliteBytes(bytes, src);
      const b = inspectTfliteBytes(written, out);
      expect({ ...b, files: [], sizeBytes: 0 }).toEqual({ ...a, files: [], sizeBytes: 0 });
      expect(readTfliteModel(written, out)).toEqual({ subgraphName: 'main', ...model }); // the IR survives a second trip (an unnamed subgraph is written as 'main')
      const fill = (i: number) => Math.sin(i * 0.13) * 0.9;
      const ref = await runTflite(src, fill);
      const got = await runTflite(out, fill);
      expect(Object.keys(got).sort()).toEqual(Object.keys(ref).sort());
      for (const k of Object.keys(ref)) {
        expect(got[k].shape, k).toEqual(ref[k].shape);
        expect(maxAbsDiff(got[k].data, ref[k].data), `${f} ${k}`).toBeLessThanOrEqual(1e-6);
      }
    });
  }

  it('keeps CUSTOM op bytes and metadata entries byte for byte', async () => {
    const src = join(FIX, 'tiny_ssd_postprocess.tflite');
    const model = readTfliteModel(new Uint8Array(await fs.readFile(src)), src);
    const again = readTfliteModel(serializeTflite(model), 'x.tflite');
    const custom = again.operators.find((o) => o.op === 'CUSTOM')!;
    expect(custom.customCode).toBe('TFLite_Detection_PostProcess');
    expect(custom.customOptions).toEqual(model.operators.find((o) => o.op === 'CUSTOM')!.customOptions);
    expect(again.metadata!.map((m) => m.name)).toEqual(['min_runtime_version', 'CONVERSION_METADATA']);
    expect(again.metadata).toEqual(model.metadata);
  });

  it("keeps TF's SignatureDef (serving_default: key → tensor) so signature runners still find the tensors", async () => {
    const src = join(FIX, 'tiny_embedder_float.tflite');
    const model = readTfliteModel(new Uint8Array(await fs.readFile(src)), src);
    expect(model.signatures).toHaveLength(1);
    const sig = model.signatures![0];
    expect(sig.key).toBe('serving_default');
    expect(sig.inputs.map((e) => e.tensor)).toEqual(model.inputs);
    expect(sig.outputs.map((e) => e.tensor)).toEqual(model.outputs);
    expect(readTfliteModel(serializeTflite(model), 'x.tflite').signatures).toEqual(model.signatures);
  });
});

/** x [1,5,5,2] → CONV_2D 3×3 VALID (2→3, bias) → RELU6 → ADD const [3] → RESHAPE [1, 27]. */
function handModel(): { model: TfliteModel; w: Float32Array; bias: number[]; plus: number[] } {
  const m: TfliteModel = { description: 'hand-built', tensors: [], operators: [], inputs: [], outputs: [] };
  const w = Float32Array.from({ length: 3 * 3 * 3 * 2 }, (_, i) => ((i * 7) % 11) / 10 - 0.5); // OHWI [3,3,3,2]
  const bias = [0.5, -1, 2];
  const plus = [0.25, -0.5, 1];
  const x = addTensor(m, { name: 'x', type: 'float32', shape: [1, 5, 5, 2] });
  const c = addTensor(m, { name: 'conv', type: 'float32', shape: [1, 3, 3, 3] });
  const r = addTensor(m, { name: 'relu6', type: 'float32', shape: [1, 3, 3, 3] });
  const a = addTensor(m, { name: 'add', type: 'float32', shape: [1, 3, 3, 3] });
  const y = addTensor(m, { name: 'y', type: 'float32', shape: [1, 27] });
  m.inputs = [x];
  m.outputs = [y];
  m.operators = [
    { op: 'CONV_2D', inputs: [x, addTensor(m, float32Const('w', [3, 3, 3, 2], w)), addTensor(m, float32Const('b', [3], bias))], outputs: [c], options: { padding: 'VALID', stride_w: 1, stride_h: 1 } },
    { op: 'RELU6', inputs: [c], outputs: [r] },
    { op: 'ADD', inputs: [r, addTensor(m, float32Const('plus', [3], plus))], outputs: [a], options: { fused_activation_function: 'NONE' } },
    { op: 'RESHAPE', inputs: [a, addTensor(m, int32Const('shape', [2], [1, 27]))], outputs: [y], options: { new_shape: [1, 27] } },
  ];
  return { model: m, w, bias, plus };
}

describe('a hand-built model', () => {
  it('runs in LiteRT.js and equals CONV_2D + RELU6 + ADD + RESHAPE computed by naive loops', async () => {
    const { model, w: wt, bias, plus } = handModel();
    const file = join(scratch, 'hand.tflite');
    await writeTfliteAtomic(file, model);
    const fill = (i: number) => ((i * 5) % 13) / 4 - 1.5;
    const got = (await runTflite(file, fill)).y;
    expect(got.shape).toEqual([1, 27]);
    const x = (h: number, wi: number, c: number) => fill((h * 5 + wi) * 2 + c); // NHWC, batch 1
    const want: number[] = [];
    for (let oh = 0; oh < 3; oh++) {
      for (let ow = 0; ow < 3; ow++) {
        for (let o = 0; o < 3; o++) {
          let s = bias[o];
          for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) for (let c = 0; c < 2; c++) s += x(oh + kh, ow + kw, c) * wt[((o * 3 + kh) * 3 + kw) * 2 + c];
          want.push(Math.min(6, Math.max(0, s)) + plus[o]);
        }
      }
    }
    expect(maxAbsDiff(got.data, want)).toBeLessThan(1e-5);
  });

  it('a small conv net (CONV_2D, DEPTHWISE_CONV_2D, ADD, MEAN, FULLY_CONNECTED; batch -1) runs and round-trips', async () => {
    const model = smallConvNet();
    const file = join(scratch, 'net.tflite');
    const bytes = await writeTfliteAtomic(file, model);
    const info = inspectTfliteBytes(bytes, file);
    expect(info.inputs).toEqual([{ name: 'image', shape: [-1, 32, 32, 3], dtype: 'float32' }]);
    expect(info.ops).toEqual({ CONV_2D: 4, DEPTHWISE_CONV_2D: 1, ADD: 1, MEAN: 1, FULLY_CONNECTED: 1 });
    const y = (await runTflite(file, imageFill)).logits;
    expect(y.shape).toEqual([1, 64]);
    expect(y.data.every(Number.isFinite) && y.data.some((v) => v !== 0)).toBe(true);
    expect(readTfliteModel(bytes, file)).toEqual({ ...model, operators: model.operators.map((o) => ({ ...o, version: o.version ?? 1 })) });
    const again = await runTflite(file, imageFill, serializeTflite(readTfliteModel(bytes, file)));
    expect(cosine(again.logits.data, y.data)).toBe(1);
  });
});

describe('file layout per schema.fbs', () => {
  it('TFL3, version 3, empty sentinel buffer 0, one buffer per constant, 16-byte aligned data, both opcode fields', () => {
    const bytes = serializeTflite(handModel().model);
    const fb = new FlatBuffer(bytes, 'hand.tflite');
    expect(fb.identifier()).toBe('TFL3');
    const root = fb.root();
    expect(root.u32(0)).toBe(3); // Model.version
    const buffers = root.tables(4);
    expect(buffers[0].vector(0, 1).length).toBe(0);
    expect(buffers.length).toBe(1 + 4); // sentinel + w, b, plus, shape
    for (const b of buffers.slice(1)) expect(b.vector(0, 1).start % 16).toBe(0);
    const codes = root.tables(1).map((c) => [c.i8(0), c.i32(3), c.i32(2)]);
    expect(codes).toEqual([[3, 3, 1], [21, 21, 1], [0, 0, 1], [22, 22, 1]]); // CONV_2D, RELU6, ADD, RESHAPE; version 1
    const sg = root.tables(2)[0];
    expect(sg.string(4)).toBe('main');
    expect(sg.tables(0).map((t) => t.u32(2))).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 4]); // activations on buffer 0
  });

  it('an op code above 127 keeps deprecated_builtin_code at 127 (PLACEHOLDER_FOR_GREATER_OP_CODES); quantization survives', () => {
    const m: TfliteModel = { description: 'gelu', tensors: [], operators: [], inputs: [], outputs: [] };
    const x = addTensor(m, { name: 'x', type: 'float32', shape: [1, 4] });
    const y = addTensor(m, { name: 'y', type: 'float32', shape: [1, 4] });
    const q = addTensor(m, { name: 'q', type: 'int8', shape: [2, 1], data: new Uint8Array([1, 255]), quant: { scale: [0.5, 0.25], zeroPoint: [0, 0], quantizedDimension: 0 } });
    void q;
    m.inputs = [x];
    m.outputs = [y];
    m.operators = [{ op: 'GELU', inputs: [x], outputs: [y] }];
    const bytes = serializeTflite(m);
    const code = new FlatBuffer(bytes, 'g').root().tables(1)[0];
    expect([code.i8(0), code.i32(3)]).toEqual([127, 150]);
    expect(readTfliteModel(bytes, 'g.tflite').tensors[2].quant).toEqual({ scale: [0.5, 0.25], zeroPoint: [0, 0] });
    expect(inspectTfliteBytes(bytes, 'g').quantization![0]).toMatchObject({ tensor: 'q', scheme: 'per-channel', axis: 0, channels: 2 });
  });
});

describe('bad IR: refused by name, nothing written', () => {
  const cases: [string, (m: TfliteModel) => void, string, RegExp][] = [
    ['an op name not in ops.ts', (m) => (m.operators[1].op = 'RELU7'), 'UNSUPPORTED', /operator 1 \(RELU7\).*not a TFLite builtin/],
    ['an option key not in the table', (m) => (m.operators[0].options!.strides = 2), 'UNSUPPORTED', /operator 0 \(CONV_2D\): option 'strides' is not in/],
    ['options on an op that takes none', (m) => (m.operators[1].options = { alpha: 1 }), 'UNSUPPORTED', /RELU6.*option 'alpha'/],
    ['an enum value outside the schema', (m) => (m.operators[0].options!.padding = 'FULL'), 'BAD_INPUT', /CONV_2D: option padding is "FULL"/],
    ['constant bytes that do not fill the shape', (m) => (m.tensors[6].data = new Uint8Array(8)), 'BAD_INPUT', /tensor 6 'b'.*holds 8 bytes; it needs 12/],
    ['an input index past the tensors', (m) => (m.operators[2].inputs[1] = 99), 'BAD_INPUT', /operator 2 \(ADD\) reads tensor 99/],
    ['ops out of execution order', (m) => m.operators.reverse(), 'BAD_INPUT', /reads tensor 3 'add' before any operator produces it/],
    ['a per-channel scale count that does not match', (m) => (m.tensors[5].quant = { scale: [1, 2], zeroPoint: [0, 0] }), 'BAD_INPUT', /tensor 5 'w'.*2 per-channel scales/],
  ];
  for (const [what, breakIt, code, msg] of cases) {
    it(what, async () => {
      const { model } = handModel();
      breakIt(model);
      const dir = await fs.mkdtemp(join(scratch, 'bad-'));
      const e = (await writeTfliteAtomic(join(dir, 'm.tflite'), model).catch((x: unknown) => x)) as EdgeLabError;
      expect(e).toBeInstanceOf(EdgeLabError);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(msg);
      expect(await fs.readdir(dir)).toEqual([]);
    });
  }

  it('read-model: truncated, offsets past the end, offset bomb, wrong magic → BAD_INPUT from the bounded reader', async () => {
    const BAD = join(process.cwd(), 'tests/fixtures/bad/models');
    for (const f of ['truncated.tflite', 'offset-past-end.tflite', 'offset-bomb.tflite', 'wrong-magic.tflite']) {
      const file = join(BAD, f);
      let e: unknown;
      try {
        readTfliteModel(new Uint8Array(await fs.readFile(file)), file);
      } catch (x) {
        e = x;
      }
      expect(e, f).toBeInstanceOf(EdgeLabError);
      expect((e as EdgeLabError).code, f).toBe('BAD_INPUT');
      expect((e as EdgeLabError).file, f).toBe(file);
    }
  });

  it('read-model: a builtin op with options outside the table is UNSUPPORTED naming the op', () => {
    // hand model with RELU6 given ADD's options union in the file: rewrite the union type byte of operator 1.
    const { model } = handModel();
    model.operators[1] = { op: 'SOFTMAX', inputs: [model.operators[1].inputs[0]], outputs: model.operators[1].outputs, options: { beta: 1 } };
    const bytes = serializeTflite(model);
    const op = new FlatBuffer(bytes, 'h').root().tables(2)[0].tables(3)[1];
    bytes[op.field(3)] = 94; // DepthToSpaceOptions: not SOFTMAX's, not in options.ts
    const e = (() => {
      try {
        readTfliteModel(bytes, 'h.tflite');
      } catch (x) {
        return x as EdgeLabError;
      }
    })()!;
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.message).toMatch(/operator SOFTMAX carries builtin options of union type 94/);
  });
});

describe('enum options', () => {
  it('CAST types are TensorType schema names (FLOAT32…) on read; the writer takes them in any case', () => {
    const m: TfliteModel = { description: 'cast', tensors: [], operators: [], inputs: [], outputs: [] };
    const x = addTensor(m, { name: 'x', type: 'int32', shape: [1, 3] });
    const y = addTensor(m, { name: 'y', type: 'float32', shape: [1, 3] });
    m.inputs = [x];
    m.outputs = [y];
    m.operators = [{ op: 'CAST', inputs: [x], outputs: [y], options: { in_data_type: 'int32', out_data_type: 'FLOAT32' } }];
    const back = readTfliteModel(serializeTflite(m), 'cast.tflite');
    expect(back.operators[0].options).toEqual({ in_data_type: 'INT32', out_data_type: 'FLOAT32' });
  });

  it('every field of every op in the options table survives write → read with a non-default value', () => {
    // (The table's ids were also checked once, outside the project, against TF 2.21's schema_py_generated.py.)
    const m: TfliteModel = { description: 'options', tensors: [], operators: [], inputs: [], outputs: [] };
    const x = addTensor(m, { name: 'x', type: 'float32', shape: [1] });
    m.inputs = [x];
    for (const [op, spec] of Object.entries(TFLITE_OPTIONS)) {
      const options: Record<string, number | boolean | string | number[]> = {};
      for (const [name, id, kind, dflt, enums] of spec.fields) {
        options[name] = kind === 'int32[]' ? [1, id + 2] : kind === 'bool' ? !dflt : kind === 'float32' ? 0.5 : enums ? enums[1] : id + 2;
      }
      m.operators.push({ op, inputs: [x], outputs: [addTensor(m, { name: `y_${op}`, type: 'float32', shape: [1] })], options });
    }
    m.outputs = m.operators.map((o) => o.outputs[0]);
    const back = readTfliteModel(serializeTflite(m), 'options.tflite');
    expect(back.operators.length).toBeGreaterThanOrEqual(55);
    back.operators.forEach((o, k) => expect(o.options, o.op).toEqual(m.operators[k].options));
  });
});
