// ONNX codec: ModelProto decoding with validation, and encoding (protobuf via onnx-proto), for every ONNX
// user (reader, taps, transforms, calibration). A file passes decodeOnnx when it decodes, has an ir_version
// and a graph with at least one node, no dimension is negative or beyond 2^31-1, and every initializer holds
// exactly the data its dims need. Element types come from dtypes.ts (the one ONNX dtype table).
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { ONNX_DTYPES } from './dtypes';

export const onnxPb = onnxProto.onnx;
export type ModelProto = onnx.ModelProto;
export type GraphProto = onnx.IGraphProto;
export type TensorProto = onnx.ITensorProto;

export const MAX_DIM = 2 ** 31 - 1;

/** protobufjs gives int64 fields as number or Long. */
export function num(x: number | { toNumber(): number } | null | undefined): number {
  if (x === null || x === undefined) return 0;
  return typeof x === 'number' ? x : x.toNumber();
}

/** INT attribute `name` of a node, or `dflt` when absent. */
export function intAttr(n: onnx.INodeProto, name: string, dflt: number): number {
  const a = n.attribute?.find((x) => x.name === name);
  return a ? num(a.i) : dflt;
}

/** Element count of an initializer from its dims; throws BAD_INPUT on an absurd dim. */
export function tensorElements(t: TensorProto, file: string): number {
  let n = 1;
  for (const d of t.dims ?? []) {
    const v = num(d);
    if (!(v >= 0 && v <= MAX_DIM)) throw new EdgeLabError('BAD_INPUT', `initializer '${t.name}' has absurd dimension ${v}`, file);
    n *= v;
  }
  return n;
}

/** Decodes and validates; throws BAD_INPUT naming `file` ("not an ONNX model: …" / "truncated: …"). */
export function decodeOnnx(bytes: Uint8Array, file: string): ModelProto {
  if (bytes.length === 0) throw new EdgeLabError('BAD_INPUT', 'not an ONNX model: empty file (0 bytes)', file);
  let m: ModelProto;
  try {
    m = onnxPb.ModelProto.decode(bytes);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    // protobufjs reports reading past the end as "index out of range: <pos> + <len> > <size>".
    if (/index out of range/.test(msg)) throw new EdgeLabError('BAD_INPUT', `truncated: the protobuf ends early (${msg})`, file);
    throw new EdgeLabError('BAD_INPUT', `not an ONNX model: ${msg}`, file);
  }
  const ir = num(m.irVersion);
  if (!(ir >= 1 && ir <= 64)) throw new EdgeLabError('BAD_INPUT', `not an ONNX model: no valid ir_version (got ${ir})`, file);
  if (!m.graph) throw new EdgeLabError('BAD_INPUT', 'not an ONNX model: no graph', file);
  if (!m.graph.node || m.graph.node.length === 0) throw new EdgeLabError('BAD_INPUT', 'the ONNX graph has no nodes', file);
  for (const t of m.graph.initializer ?? []) checkInitializer(t, file);
  return m;
}

/** Serialized bytes of a model (the inverse of decodeOnnx, without its checks). */
export function encodeOnnx(m: ModelProto): Uint8Array {
  return onnxPb.ModelProto.encode(m).finish();
}

function checkInitializer(t: TensorProto, file: string): void {
  if (t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0) {
    throw new EdgeLabError(
      'UNSUPPORTED',
      `initializer '${t.name}' is stored as external data; save the model with all tensors inside the .onnx`,
      file,
    );
  }
  const n = tensorElements(t, file);
  const dt = ONNX_DTYPES[t.dataType ?? 0];
  if (!dt) throw new EdgeLabError('BAD_INPUT', `initializer '${t.name}' has unknown data type ${t.dataType}`, file);
  const raw = t.rawData?.length ?? 0;
  if (raw > 0) {
    if (dt.bytes !== undefined && raw !== n * dt.bytes) {
      throw new EdgeLabError('BAD_INPUT', `initializer '${t.name}' holds ${raw} bytes, its dims need ${n * dt.bytes} (truncated or corrupt)`, file);
    }
    return;
  }
  const typed =
    (t.floatData?.length ?? 0) + (t.int32Data?.length ?? 0) + (t.int64Data?.length ?? 0) + (t.doubleData?.length ?? 0) +
    (t.uint64Data?.length ?? 0) + (t.stringData?.length ?? 0);
  const want = dt.name.startsWith('complex') ? 2 * n : n;
  if (typed !== want) {
    throw new EdgeLabError('BAD_INPUT', `initializer '${t.name}' holds ${typed} values, its dims need ${want} (truncated or corrupt)`, file);
  }
}

/** Calls `visit` on the graph and on every subgraph held in node attributes (If/Loop/Scan bodies). */
export function walkGraphs(g: GraphProto, visit: (g: GraphProto) => void): void {
  visit(g);
  for (const n of g.node ?? []) {
    for (const a of n.attribute ?? []) {
      if (a.g) walkGraphs(a.g, visit);
      for (const sg of a.graphs ?? []) walkGraphs(sg, visit);
    }
  }
}
