// TFLite_Detection_PostProcess (the custom op ending TF Object Detection API SSD models) computes its output
// shapes at Prepare time, so TF's converter stores them as [] (rank 0). TFLite's interpreter resizes them; LiteRT.js
// allocates output buffers from the stored shape and overruns a 4-byte scalar ("memory access out of bounds"). So
// before handing a model to LiteRT.js we store the shapes the kernel gives them (detection_postprocess.cc Prepare:
// n = max_detections · max_classes_per_detection; boxes [1, n, 4], classes [1, n], scores [1, n], count [1]).
// How, without rewriting the FlatBuffer: a new int32 vector is appended at the end of a copy and the tensor's
// `shape` field (a forward u32 offset, as FlatBuffers requires) is pointed at it. Everything else is untouched.
import { EdgeLabError } from '../../../src-shared/protocol';
import { FlatBuffer } from './flatbuffer';
import { readFlexMap } from './flexbuffer';

export const POSTPROCESS_OP = 'TFLite_Detection_PostProcess';
const CUSTOM = 32;
const F = {
  model: { operatorCodes: 1, subgraphs: 2 },
  opcode: { deprecatedBuiltin: 0, customCode: 1, builtin: 3 },
  subgraph: { tensors: 0, operators: 3 },
  tensor: { shape: 0, name: 3 },
  operator: { opcodeIndex: 0, outputs: 2, customOptions: 5 },
} as const;

/** `bytes` with the rank-0 outputs of every TFLite_Detection_PostProcess op of subgraph 0 given their real shape
 *  (the same array when there is nothing to fix), and the names of the tensors fixed. */
export function fixPostProcessShapes(bytes: Uint8Array, file: string): { bytes: Uint8Array; fixed: string[] } {
  const fb = new FlatBuffer(bytes, file);
  const model = fb.root();
  const pp = new Set<number>();
  model.tables(F.model.operatorCodes).forEach((c, i) => {
    const code = Math.max(c.i8(F.opcode.deprecatedBuiltin), c.i32(F.opcode.builtin));
    if (code === CUSTOM && c.string(F.opcode.customCode) === POSTPROCESS_OP) pp.add(i);
  });
  if (!pp.size) return { bytes, fixed: [] };
  const sg = model.tables(F.model.subgraphs)[0];
  if (!sg) return { bytes, fixed: [] };
  const tensors = sg.tables(F.subgraph.tensors);
  const patches: { field: number; dims: number[]; name: string }[] = [];
  for (const op of sg.tables(F.subgraph.operators)) {
    if (!pp.has(op.u32(F.operator.opcodeIndex))) continue;
    const opts = op.vector(F.operator.customOptions, 1);
    const o = readFlexMap(bytes.subarray(opts.start, opts.start + opts.length));
    const maxDet = o?.max_detections;
    const perDet = o?.max_classes_per_detection ?? 1;
    if (typeof maxDet !== 'number' || typeof perDet !== 'number' || maxDet < 1 || perDet < 1) {
      throw new EdgeLabError('BAD_INPUT', `${POSTPROCESS_OP}: its custom options give no max_detections`, file);
    }
    const n = maxDet * perDet;
    const want = [[1, n, 4], [1, n], [1, n], [1]];
    op.i32s(F.operator.outputs).forEach((ti, k) => {
      const t = tensors[ti];
      if (!t || k >= want.length || t.i32s(F.tensor.shape).length > 0) return;
      const name = t.string(F.tensor.name) ?? `tensor#${ti}`;
      const field = t.field(F.tensor.shape);
      if (!field) throw new EdgeLabError('UNSUPPORTED', `${POSTPROCESS_OP} output '${name}' stores no shape field to set to [${want[k].join(', ')}]`, file);
      patches.push({ field, dims: want[k], name });
    });
  }
  if (!patches.length) return { bytes, fixed: [] };
  let size = Math.ceil(bytes.length / 4) * 4;
  const starts = patches.map((p) => {
    const at = size;
    size += 4 * (1 + p.dims.length);
    return at;
  });
  const out = new Uint8Array(size);
  out.set(bytes);
  const v = new DataView(out.buffer);
  patches.forEach((p, i) => {
    v.setUint32(starts[i], p.dims.length, true);
    p.dims.forEach((d, j) => v.setInt32(starts[i] + 4 + 4 * j, d, true));
    v.setUint32(p.field, starts[i] - p.field, true); // forward offset from the field to the new vector
  });
  return { bytes: out, fixed: patches.map((p) => p.name) };
}
