// .tflite models through LiteRT.js (runtimes/litert-node.ts), XNNPACK on the CPU. The bytes handed to LiteRT.js are
// the very bytes the bounded reader (formats/tflite/reader.ts inspectTfliteBytes) accepted: a truncated or corrupt
// file is BAD_INPUT naming it and never reaches the WebAssembly runtime.
// Models as TF's converter writes them: a batch of -1 runs at 1 (formats/tflite/io.ts); the rank-0 outputs of
// TFLite_Detection_PostProcess get their real shapes (formats/tflite/postprocess-shapes.ts); int8/uint8/int16 inputs and
// outputs with per-tensor quantization are presented as float32 real values and (de)quantized here with the
// tensor's scale and zero point from the file (TensorInfo.stored says so); any other boundary element type the
// runtime cannot exchange is refused naming the tensor.
import { promises as fs } from 'node:fs';
import { EdgeLabError } from '../../src-shared/protocol';
import type { TensorInfo } from '../../src-shared/types/model';
import { inspectTfliteBytes } from '../formats/tflite/reader';
import { fixPostProcessShapes } from '../formats/tflite/postprocess-shapes';
import { readTfliteBoundary, type TfliteBoundaryTensor } from '../formats/tflite/io';
import { dequantizeValues, isQuantizedDtype, quantizeValues } from '../formats/tflite/quantize';
import { liteRtNode, type LiteRtNode, type WasmTensorBuffer } from './litert-node';
import type { HostTensor, LoadedModel, Runtime } from './types';

export const LITERT_BACKEND = 'wasm-xnnpack';
/** Default CPU threads (the lab machines have 2 cores shared by test forks); LiteRT.js single-threaded build. */
export const LITERT_DEFAULT_THREADS = 1;

/** LiteRT ElementType codes (not TFLite's TensorType codes) of the dtypes exchanged at the boundary. */
const ELEMENT: Record<string, number> = { float32: 1, int32: 2, uint8: 3, int64: 4, bool: 6, int16: 7, int8: 9 };

function boundaryInfo(t: TfliteBoundaryTensor, file: string, role: 'input' | 'output'): TensorInfo {
  if (isQuantizedDtype(t.dtype)) {
    if (!t.quant) {
      // An un-quantized uint8 input (raw pixels) is exchanged as is; int8/int16 without scale cannot be interpreted.
      if (t.dtype === 'uint8') return { name: t.name, shape: t.shape, dtype: 'uint8' };
      throw new EdgeLabError('UNSUPPORTED', `${role} tensor '${t.name}' is ${t.dtype} without quantization parameters: EdgeLab cannot map it to real values`, file);
    }
    return { name: t.name, shape: t.shape, dtype: 'float32', stored: { dtype: t.dtype, scale: t.quant.scale, zeroPoint: t.quant.zeroPoint } };
  }
  if (t.dtype === 'float32' || t.dtype === 'int32') return { name: t.name, shape: t.shape, dtype: t.dtype };
  // int64 is exchanged as int32 (values beyond ±2^31 do not occur in class ids or counts), bool as uint8 0/1.
  if (t.dtype === 'int64') return { name: t.name, shape: t.shape, dtype: 'int32' };
  if (t.dtype === 'bool') return { name: t.name, shape: t.shape, dtype: 'uint8' };
  throw new EdgeLabError('UNSUPPORTED', `${role} tensor '${t.name}' has element type ${t.dtype}, which LiteRT.js in EdgeLab does not exchange (float32, int32, int64, bool, and int8/uint8/int16 with a scale)`, file);
}

/** Bytes of one input in the file's element type. */
function inputBytes(feed: HostTensor, info: TensorInfo, t: TfliteBoundaryTensor, file: string): Uint8Array {
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (feed.data.length !== n) throw new EdgeLabError('BAD_INPUT', `input '${t.name}' takes ${n} values [${t.shape.join(', ')}], got ${feed.data.length} [${feed.shape.join(', ')}]`, file);
  let arr: Float32Array | Int32Array | Uint8Array | Int8Array | Int16Array;
  if (info.stored) arr = quantizeValues(feed.data, info.stored.dtype, info.stored.scale, info.stored.zeroPoint);
  else if (t.dtype === 'float32') arr = feed.data instanceof Float32Array ? feed.data : Float32Array.from(feed.data);
  else if (t.dtype === 'int32') arr = feed.data instanceof Int32Array ? feed.data : Int32Array.from(feed.data);
  else if (t.dtype === 'int64') {
    const wide = BigInt64Array.from(feed.data, (v) => BigInt(Math.round(v)));
    return new Uint8Array(wide.buffer);
  } else arr = feed.data instanceof Uint8Array ? feed.data : Uint8Array.from(feed.data);
  return new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
}

function hostOutput(raw: Uint8Array, shape: number[], info: TensorInfo, t: TfliteBoundaryTensor): HostTensor {
  const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  if (info.stored) {
    const q = t.dtype === 'int8' ? new Int8Array(buf) : t.dtype === 'uint8' ? new Uint8Array(buf) : new Int16Array(buf);
    return { data: dequantizeValues(q, info.stored.scale, info.stored.zeroPoint), shape, dtype: 'float32' };
  }
  if (t.dtype === 'float32') return { data: new Float32Array(buf), shape, dtype: 'float32' };
  if (t.dtype === 'int32') return { data: new Int32Array(buf), shape, dtype: 'int32' };
  if (t.dtype === 'int64') return { data: Int32Array.from(new BigInt64Array(buf), (v) => Number(v)), shape, dtype: 'int32' };
  return { data: new Uint8Array(buf), shape, dtype: 'uint8' };
}

function names(v: { size(): number; get(i: number): string; delete(): void }): string[] {
  const out = Array.from({ length: v.size() }, (_, i) => v.get(i));
  v.delete();
  return out;
}

/** Boundary tensors in LiteRT's signature order (matched by signature key; positional when keys do not match). */
function inOrder(keys: string[], ts: TfliteBoundaryTensor[], file: string, role: string): TfliteBoundaryTensor[] {
  if (keys.length !== ts.length) throw new EdgeLabError('BAD_INPUT', `LiteRT sees ${keys.length} ${role}s, the file's subgraph 0 has ${ts.length}`, file);
  const byKey = keys.map((k) => ts.find((t) => t.key === k));
  return byKey.every((t) => t !== undefined) ? (byKey as TfliteBoundaryTensor[]) : ts;
}

function readBuffer(lt: LiteRtNode, b: WasmTensorBuffer): { raw: Uint8Array; shape: number[] } {
  const type = b.tensorType();
  const layout = type.layout();
  const dims = layout.dimensions();
  const shape = Array.from({ length: dims.size() }, (_, i) => dims.get(i));
  dims.delete();
  layout.delete();
  type.delete();
  const p = b.lock(lt.wasm.LiteRtTensorBufferLockMode.READ);
  try {
    return { raw: lt.wasm.HEAPU8.slice(p, p + b.packedSize()), shape };
  } finally {
    b.unlock();
  }
}

function makeBuffer(lt: LiteRtNode, dtype: string, shape: number[], bytes: Uint8Array): WasmTensorBuffer {
  const w = lt.wasm;
  const dims = new w.VectorInt32();
  for (const d of shape) dims.push_back(d);
  const layout = w.LiteRtLayout.create(dims);
  dims.delete();
  const type = w.LiteRtRankedTensorType.create({ value: ELEMENT[dtype] }, layout);
  layout.delete();
  const b = w.LiteRtTensorBuffer.createManaged(lt.env, w.LiteRtTensorBufferType.HOST_MEMORY, type, bytes.length);
  type.delete();
  const p = b.lock(w.LiteRtTensorBufferLockMode.WRITE);
  try {
    w.HEAPU8.set(bytes, p);
  } finally {
    b.unlock();
  }
  return b;
}

export const tfliteRuntime: Runtime = {
  name: 'litert',
  formats: ['tflite'],
  async availability() {
    try {
      const lt = await liteRtNode();
      return { available: true, backend: LITERT_BACKEND, detail: `@litertjs/core ${lt.version} (WebAssembly, XNNPACK)` };
    } catch (e) {
      return { available: false, detail: `LiteRT.js does not load: ${(e as Error).message}` };
    }
  },
  async load(path, options) {
    let bytes: Uint8Array;
    try {
      bytes = options?.bytes ?? (await fs.readFile(path));
    } catch (e) {
      throw new EdgeLabError('BAD_INPUT', `cannot read TFLite model: ${(e as Error).message}`, path);
    }
    inspectTfliteBytes(bytes, path); // the bounded reader accepts these bytes, or BAD_INPUT naming the file
    const fixed = fixPostProcessShapes(bytes, path);
    if (fixed.fixed.length) {
      bytes = fixed.bytes;
      inspectTfliteBytes(bytes, path); // the patched copy too: LiteRT.js only gets bytes the reader accepted
    }
    const boundary = readTfliteBoundary(bytes, path);
    // Refuse a boundary tensor EdgeLab cannot exchange before LiteRT.js sees the file (names the tensor and why).
    for (const t of boundary.inputs) boundaryInfo(t, path, 'input');
    for (const t of boundary.outputs) boundaryInfo(t, path, 'output');
    const lt = await liteRtNode();
    const w = lt.wasm;
    const ptr = w._malloc(bytes.byteLength);
    w.HEAPU8.set(bytes, ptr);
    let model: ReturnType<typeof w.loadModel> | undefined;
    let compiled: Awaited<ReturnType<typeof w.compileModel>>;
    let sigIn: TfliteBoundaryTensor[];
    let sigOut: TfliteBoundaryTensor[];
    try {
      model = w.loadModel(lt.env, ptr, bytes.byteLength);
      const sig = model.getSignature(0);
      sigIn = inOrder(names(sig.inputNames()), boundary.inputs, path, 'input');
      sigOut = inOrder(names(sig.outputNames()), boundary.outputs, path, 'output');
      sig.delete();
      compiled = await w.compileModel(lt.env, model, lt.cpuOptions(options?.threads ?? LITERT_DEFAULT_THREADS));
    } catch (e) {
      model?.delete();
      w._free(ptr);
      if (e instanceof EdgeLabError) throw e;
      throw new EdgeLabError('BAD_INPUT', `LiteRT.js does not load this TFLite model: ${String((e as Error)?.message ?? e).split('\n')[0]}`, path);
    }
    const inInfo = sigIn.map((t) => boundaryInfo(t, path, 'input'));
    const outInfo = sigOut.map((t) => boundaryInfo(t, path, 'output'));
    let disposed = false;
    const loaded: LoadedModel = {
      runtime: tfliteRuntime.name,
      backend: LITERT_BACKEND,
      inputs: inInfo,
      outputs: outInfo,
      async run(feeds, fetch) {
        if (disposed) throw new EdgeLabError('INTERNAL', 'model used after dispose', path);
        const ins: WasmTensorBuffer[] = [];
        let outs: WasmTensorBuffer[] = [];
        try {
          sigIn.forEach((t, i) => {
            const feed = feeds[t.name];
            if (!feed) throw new EdgeLabError('BAD_INPUT', `no feed for input '${t.name}'`, path);
            ins.push(makeBuffer(lt, inInfo[i].stored?.dtype ?? t.dtype, t.shape, inputBytes(feed, inInfo[i], t, path)));
          });
          outs = await compiled.run(0, ins);
          const want = new Set(fetch ?? outInfo.map((o) => o.name));
          const result: Record<string, HostTensor> = {};
          sigOut.forEach((t, i) => {
            if (!want.has(t.name)) return;
            const { raw, shape } = readBuffer(lt, outs[i]);
            result[t.name] = hostOutput(raw, shape, outInfo[i], t);
          });
          for (const n of want) if (!result[n]) throw new EdgeLabError('BAD_INPUT', `the model has no output '${n}'`, path);
          return result;
        } finally {
          for (const b of ins) b.delete();
          for (const b of outs) b.delete();
        }
      },
      async dispose() {
        if (disposed) return;
        disposed = true;
        compiled.delete();
        model!.delete();
        w._free(ptr);
      },
    };
    return loaded;
  },
};
