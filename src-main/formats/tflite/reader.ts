// TFLite reader (`readOnly`: inspect reads a .tflite by path; runtimes/tflite-runtime.ts runs the files it accepts):
// the FlatBuffer model (schema.fbs of
// tensorflow/compiler/mlir/lite/schema) parsed with the bounds-checked reader in flatbuffer.ts. Reports ops
// (builtin names, custom ops as CUSTOM:<code>), inputs/outputs of subgraph 0, constant tensors (parameters,
// dtype histogram, per-op parameters), quantization parameters of every quantized tensor, and size.
// Element types come from dtypes.ts (the one TFLite dtype table).
// Field ids below are the declaration order in schema.fbs (a union takes two ids: type, then value).
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { InspectResult, QuantParams, TensorInfo } from '../../../src-shared/types/model';
import { FlatBuffer, type Table } from './flatbuffer';
import { tfliteDtype } from './dtypes';
import { TFLITE_BUILTIN_OPS } from './ops';
import type { ModelReader } from '../types';
import { readTfliteMetadataOf } from './metadata/read';
import { maxOf, minOf } from '../../../src-shared/extent';

const F = {
  model: { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4 },
  opcode: { deprecatedBuiltin: 0, customCode: 1, version: 2, builtin: 3 },
  subgraph: { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 },
  tensor: { shape: 0, type: 1, buffer: 2, name: 3, quantization: 4, shapeSignature: 7 },
  quant: { min: 0, max: 1, scale: 2, zeroPoint: 3, quantizedDimension: 6 },
  operator: { opcodeIndex: 0, inputs: 1, outputs: 2 },
  buffer: { data: 0, offset: 1, size: 2 },
} as const;

const SHOWN = 8;
const CUSTOM = 32;

function opName(c: Table): string {
  // builtin_code (int32) superseded deprecated_builtin_code (int8, ≤ 127): the larger of the two is the op.
  const code = Math.max(c.i8(F.opcode.deprecatedBuiltin), c.i32(F.opcode.builtin));
  if (code === CUSTOM) return `CUSTOM:${c.string(F.opcode.customCode) ?? '?'}`;
  return TFLITE_BUILTIN_OPS[code] ?? `BUILTIN_${code}`;
}

interface TensorRec {
  name: string;
  dtype: string;
  bits: number;
  shape: number[];
  elements: number;
  constant: boolean;
  quant?: Table;
}

export const tfliteReader: ModelReader = {
  format: 'tflite',
  readOnly: true,

  match(head: Uint8Array, path: string): boolean {
    if (path.toLowerCase().endsWith('.tflite')) return true;
    return head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === 'TFL3';
  },

  async inspect(path: string): Promise<InspectResult> {
    const file = resolve(path);
    const bytes = new Uint8Array(await fs.readFile(file));
    const result = inspectTfliteBytes(bytes, file);
    const md = readTfliteMetadataOf(bytes, file); // what the file's TFLite Metadata says (metadata/read.ts)
    return md ? { ...result, tfliteMetadata: md.summary } : result;
  },
};

/** The whole bounded check and summary of a .tflite held in memory (`file` names it in errors). The runtime
 *  (runtimes/tflite-runtime.ts) passes the very bytes it then hands to LiteRT.js through this first. */
export function inspectTfliteBytes(bytes: Uint8Array, file: string): InspectResult {
    if (bytes.length < 8) throw new EdgeLabError('BAD_INPUT', `not a TFLite model: ${bytes.length} bytes`, file);
    const fb = new FlatBuffer(bytes, file);
    if (fb.identifier() !== 'TFL3') throw new EdgeLabError('BAD_INPUT', `not a TFLite model: file identifier is '${fb.identifier().replace(/[^\x20-\x7e]/g, '?')}', expected 'TFL3'`, file);
    const model = fb.root();
    const buffers = model.tables(F.model.buffers).map((b) => {
      const data = b.vector(F.buffer.data, 1).length;
      return data > 0 ? data : b.u64(F.buffer.size); // large models keep data outside the FlatBuffer (offset/size)
    });
    const codes = model.tables(F.model.operatorCodes).map(opName);
    const subgraphs = model.tables(F.model.subgraphs);
    if (subgraphs.length === 0) throw new EdgeLabError('BAD_INPUT', 'the TFLite model has no subgraph', file);

    const ops: Record<string, number> = {};
    const opParameters: Record<string, number> = {};
    const weightDtypes: Record<string, number> = {};
    const weightTensors: Record<string, number> = {};
    const quantization: QuantParams[] = [];
    let parameters = 0;
    let inputs: TensorInfo[] = [];
    let outputs: TensorInfo[] = [];

    subgraphs.forEach((sg, si) => {
      const tensors: TensorRec[] = sg.tables(F.subgraph.tensors).map((t, ti) => {
        const { name: dtype, bits } = tfliteDtype(t.i8(F.tensor.type));
        const sig = t.i32s(F.tensor.shapeSignature);
        const shape = sig.length ? sig : t.i32s(F.tensor.shape);
        const dims = t.i32s(F.tensor.shape);
        const elements = dims.reduce((a, b) => a * Math.max(b, 0), 1);
        const bi = t.u32(F.tensor.buffer);
        if (bi >= buffers.length && bi !== 0) throw new EdgeLabError('BAD_INPUT', `tensor ${ti} of subgraph ${si} names buffer ${bi}; the model has ${buffers.length}`, file);
        const constant = bi > 0 && buffers[bi] > 0;
        const name = t.string(F.tensor.name) ?? `tensor#${ti}`;
        if (constant && bits > 0 && buffers[bi] < Math.ceil((elements * bits) / 8)) {
          throw new EdgeLabError('BAD_INPUT', `tensor '${name}' needs ${Math.ceil((elements * bits) / 8)} bytes, its buffer ${bi} holds ${buffers[bi]} (truncated or corrupt)`, file);
        }
        return { name, dtype, bits, shape: shape.map((d) => (d >= 0 ? d : -1)), elements, constant, quant: t.table(F.tensor.quantization) };
      });
      const info = (i: number): TensorInfo => {
        const t = tensors[i];
        if (!t) throw new EdgeLabError('BAD_INPUT', `subgraph ${si} names tensor ${i}; it has ${tensors.length}`, file);
        return { name: t.name, shape: t.shape, dtype: t.dtype };
      };
      if (si === 0) {
        inputs = sg.i32s(F.subgraph.inputs).map(info);
        outputs = sg.i32s(F.subgraph.outputs).map(info);
      }
      const counted = new Set<number>();
      for (const op of sg.tables(F.subgraph.operators)) {
        const ci = op.u32(F.operator.opcodeIndex);
        const name = codes[ci];
        if (name === undefined) throw new EdgeLabError('BAD_INPUT', `an operator of subgraph ${si} names opcode ${ci}; the model has ${codes.length}`, file);
        ops[name] = (ops[name] ?? 0) + 1;
        for (const i of op.i32s(F.operator.inputs)) {
          if (i < 0) continue; // optional input left out
          const t = tensors[i];
          if (!t) throw new EdgeLabError('BAD_INPUT', `an operator of subgraph ${si} reads tensor ${i}; it has ${tensors.length}`, file);
          if (t.constant && !counted.has(i)) {
            counted.add(i);
            opParameters[name] = (opParameters[name] ?? 0) + t.elements;
          }
        }
      }
      tensors.forEach((t) => {
        if (t.constant) {
          parameters += t.elements;
          weightDtypes[t.dtype] = (weightDtypes[t.dtype] ?? 0) + t.elements;
          weightTensors[t.dtype] = (weightTensors[t.dtype] ?? 0) + 1;
        }
        const scale = t.quant?.f32s(F.quant.scale) ?? [];
        if (!t.quant || scale.length === 0) return;
        const zp = t.quant.i64s(F.quant.zeroPoint);
        quantization.push({
          tensor: t.name,
          dtype: t.dtype,
          scheme: scale.length > 1 ? 'per-channel' : 'per-tensor',
          ...(scale.length > 1 ? { axis: t.quant.i32(F.quant.quantizedDimension) } : {}),
          channels: scale.length,
          scale: scale.slice(0, SHOWN),
          zeroPoint: zp.slice(0, SHOWN),
          scaleRange: [minOf(scale), maxOf(scale)],
          role: t.constant ? 'weight' : 'activation',
        });
      });
    });
    return { format: 'tflite', inputs, outputs, ops, parameters, sizeBytes: bytes.length, files: [file], weightDtypes, weightTensors, opParameters, quantization };
}
