// Cast(float16 initializer → float32) folded into a float32 initializer. Models stored in half precision
// (EdgeLab's fp16-storage variants, our TF.js → ONNX conversions of fp16-stored TF.js weights) feed every Conv
// weight through such a Cast; a quantizer looking for static weights would see a computed tensor and leave the
// weights in float16, so int8 grew the file instead of shrinking it. Folding is exact: every float16 value is a
// float32 value. Only the top-level graph; a Cast whose input is also a graph input (overridable) is kept.
import { decodeFloat16 } from '../../formats/half';
import { intAttr, onnxPb, tensorElements, type GraphProto, type TensorProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { dropUnusedInitializers } from './weights';

/** float16 values of an initializer as float32 (raw little-endian bytes, or int32_data holding the bit patterns). */
export function halfValues(t: TensorProto, count: number): Float32Array {
  const raw = t.rawData;
  const bits = new Uint16Array(count);
  if (raw && raw.length > 0) new Uint8Array(bits.buffer).set(raw.subarray(0, count * 2)); // copy: raw_data need not be aligned
  else (t.int32Data ?? []).forEach((v, k) => (bits[k] = v & 0xffff));
  return decodeFloat16(bits);
}

/** Folds every Cast(FLOAT16 initializer → FLOAT) of `g`; returns how many were folded. */
export function foldInitializerCasts(g: GraphProto, file: string): number {
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  const folded: TensorProto[] = [];
  const nodes = (g.node ?? []).filter((n) => {
    if (n.opType !== 'Cast' || (n.input ?? []).length !== 1 || (n.output ?? []).length !== 1) return true;
    const src = inits.get(n.input![0]!);
    if (!src || graphInputs.has(src.name ?? '') || src.dataType !== DT.FLOAT16 || intAttr(n, 'to', 0) !== DT.FLOAT) return true;
    const values = halfValues(src, tensorElements(src, file));
    folded.push(onnxPb.TensorProto.create({ name: n.output![0], dims: src.dims, dataType: DT.FLOAT, rawData: new Uint8Array(values.buffer) }));
    return false;
  });
  if (!folded.length) return 0;
  g.node = nodes;
  g.initializer = [...(g.initializer ?? []), ...folded];
  dropUnusedInitializers(g);
  return folded.length;
}
