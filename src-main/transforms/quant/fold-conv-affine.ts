// Pre-quantization graph passes (what onnxruntime's `quant_pre_process` does before quantize_static), applied to
// the float graph so the quantizer sees fewer, larger ops. Exact up to float32 rounding; the test checks the
// folded graph against the original in onnxruntime on real frames.
//  1. Conv → Mul(c) / Add(d) / BatchNormalization by per-output-channel constants folded into the Conv's weight
//     and bias: y = (W∗x + B)·c + d = (W·c)∗x + (B·c + d). TF exports (our SSD-MobileNetV2 among them) keep a
//     batch norm as Conv (no bias) → Mul → Add: left alone, int8 quantizes the Mul and Add as separate
//     QLinearMul/QLinearAdd with a requantization each (measured: 5.95 of 12.8 ms of the SSD's int8 run).
//  2. ReduceMean(axes = the two spatial axes of a rank-4 NCHW tensor, keepdims = 1) → GlobalAveragePool, which
//     has an int8 kernel (QLinearGlobalAveragePool); ReduceMean has none, so it ran in float between DQ and Q.
//  3. Add(c, Sum(Conv, r)) → Add(Conv with bias + c, r) (fold-residual-bias.ts): a BN shift moved past a
//     residual sum goes back into the Conv.
// A pass never touches a node named in `exclude` (the user keeps it as it is), a tensor that is a graph
// output, or a tensor with another consumer. Passes 1–2 keep every tensor name and value (folded nodes write the
// consumer's output tensor); pass 3 writes a new tensor (`…__biased`), so int8-onnx.ts calibrates the pre-passed
// graph, not the source.
import type { onnx } from 'onnx-proto';
import { intAttr, num, onnxPb, tensorElements, type GraphProto, type TensorProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { floatValues, namesInUse, uniqueName } from '../../formats/onnx/edit';
import { dropUnusedInitializers } from './weights';
import { foldResidualBias } from './fold-residual-bias';

export interface PrePassCounts {
  /** Mul / Add / BatchNormalization nodes folded into the Conv before them. */
  foldedIntoConv: number;
  /** ReduceMean nodes rewritten as GlobalAveragePool. */
  reduceMeanToGlobalAveragePool: number;
  /** Add(c, Sum(Conv, r)) rewritten as Add(Conv with bias + c, r) (fold-residual-bias.ts). */
  residualBiasIntoConv: number;
}

const floatInit = (t: TensorProto | undefined, file: string) => (t && t.dataType === DT.FLOAT ? floatValues(t, tensorElements(t, file)) : undefined);

/**
 * Per-output-channel values of a constant broadcast against an NCHW Conv output with `m` channels: a scalar
 * (any all-ones shape) or a shape whose only non-1 dim is m at position −3 ([m,1,1], [1,m,1,1]). Else undefined.
 */
function perChannel(t: TensorProto | undefined, m: number, file: string): Float32Array | undefined {
  const v = floatInit(t, file);
  if (!v) return undefined;
  const dims = (t!.dims ?? []).map((d) => num(d));
  if (dims.length > 4) return undefined;
  if (v.length === 1) return new Float32Array(m).fill(v[0]);
  if (v.length !== m || dims.length < 3 || dims[dims.length - 3] !== m) return undefined;
  return v;
}

function put(g: GraphProto, taken: Set<string>, base: string, dims: number[], values: Float32Array): string {
  const name = uniqueName(base, taken);
  g.initializer!.push(onnxPb.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(values.buffer) }));
  return name;
}

/** The channel scale c and shift d of a consumer node of a Conv output, or undefined when it is not foldable. */
function affineOf(n: onnx.INodeProto, x: string, m: number, inits: Map<string, TensorProto>, file: string): { c: Float32Array; d: Float32Array } | undefined {
  const ins = n.input ?? [];
  if (n.opType === 'Mul' || n.opType === 'Add') {
    if (ins.length !== 2) return undefined;
    const other = ins[0] === x ? ins[1] : ins[1] === x ? ins[0] : undefined;
    if (other === undefined || other === x) return undefined;
    const v = perChannel(inits.get(other), m, file);
    if (!v) return undefined;
    return n.opType === 'Mul' ? { c: v, d: new Float32Array(m) } : { c: new Float32Array(m).fill(1), d: v };
  }
  if (n.opType === 'BatchNormalization' && ins[0] === x && ins.length === 5 && (n.output ?? []).length === 1 && !intAttr(n, 'training_mode', 0)) {
    const [scale, bias, mean, variance] = ins.slice(1).map((k) => floatInit(inits.get(k), file));
    if (![scale, bias, mean, variance].every((a) => a?.length === m)) return undefined;
    const eps = n.attribute?.find((a) => a.name === 'epsilon')?.f ?? 1e-5;
    const c = new Float32Array(m);
    const d = new Float32Array(m);
    for (let k = 0; k < m; k++) {
      c[k] = scale![k] / Math.sqrt(variance![k] + eps);
      d[k] = bias![k] - mean![k] * c[k];
    }
    return { c, d };
  }
  return undefined;
}

/** Runs both passes on `g` in place (top-level graph); returns what each changed. */
export function prePassForInt8(g: GraphProto, exclude: Set<string>, file: string): PrePassCounts {
  const counts: PrePassCounts = { foldedIntoConv: 0, reduceMeanToGlobalAveragePool: 0, residualBiasIntoConv: 0 };
  const taken = namesInUse(g);
  const outputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  let changed = true;
  while (changed) {
    changed = false;
    const inits = new Map((g.initializer ?? []).filter((t) => !graphInputs.has(t.name ?? '')).map((t) => [t.name ?? '', t]));
    const consumers = new Map<string, onnx.INodeProto[]>();
    for (const n of g.node ?? []) for (const x of n.input ?? []) if (x) consumers.set(x, [...(consumers.get(x) ?? []), n]);
    for (const conv of g.node ?? []) {
      if (conv.opType !== 'Conv' || exclude.has(conv.name ?? '')) continue;
      const y = conv.output?.[0] ?? '';
      const next = consumers.get(y);
      if (!y || outputs.has(y) || next?.length !== 1 || exclude.has(next[0].name ?? '')) continue;
      const w = inits.get(conv.input?.[1] ?? '');
      const wv = floatInit(w, file);
      if (!wv) continue;
      const wDims = (w!.dims ?? []).map((d) => num(d));
      const m = wDims[0];
      const bName = conv.input?.[2];
      const bv = bName ? floatInit(inits.get(bName), file) : new Float32Array(m);
      if (!bv || bv.length !== m) continue;
      const aff = affineOf(next[0], y, m, inits, file);
      if (!aff) continue;
      const per = wv.length / m;
      const w2 = new Float32Array(wv.length);
      const b2 = new Float32Array(m);
      for (let k = 0; k < m; k++) {
        for (let j = 0; j < per; j++) w2[k * per + j] = wv[k * per + j] * aff.c[k];
        b2[k] = bv[k] * aff.c[k] + aff.d[k];
      }
      const base = conv.name || y;
      conv.input = [conv.input![0], put(g, taken, `${base}_W_folded`, wDims, w2), put(g, taken, `${base}_B_folded`, [m], b2)];
      conv.output = [next[0].output![0]];
      g.node = (g.node ?? []).filter((n) => n !== next[0]);
      counts.foldedIntoConv++;
      changed = true;
      break; // consumers / initializers changed: rescan
    }
  }
  for (const n of g.node ?? []) {
    if (n.opType !== 'ReduceMean' || exclude.has(n.name ?? '') || intAttr(n, 'keepdims', 1) !== 1) continue;
    const axesAttr = n.attribute?.find((a) => a.name === 'axes')?.ints?.map((v) => num(v));
    const axesInit = n.input?.[1] ? (g.initializer ?? []).find((t) => t.name === n.input![1]) : undefined;
    const axes = axesAttr ?? (axesInit ? [...(axesInit.int64Data ?? []).map((v) => num(v)), ...rawInt64(axesInit)] : undefined);
    if (!axes || rankOf(g, n.input?.[0] ?? '') !== 4) continue;
    const norm = [...new Set(axes.map((a) => (a < 0 ? a + 4 : a)))].sort();
    if (norm.length !== 2 || norm[0] !== 2 || norm[1] !== 3) continue;
    n.opType = 'GlobalAveragePool';
    n.input = [n.input![0]];
    n.attribute = [];
    counts.reduceMeanToGlobalAveragePool++;
  }
  counts.residualBiasIntoConv = foldResidualBias(g, exclude, file);
  if (counts.foldedIntoConv || counts.residualBiasIntoConv) dropUnusedInitializers(g);
  return counts;
}

function rawInt64(t: TensorProto): number[] {
  const raw = t.rawData;
  if (!raw || raw.length === 0) return [];
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Array.from({ length: raw.length / 8 }, (_, i) => Number(dv.getBigInt64(i * 8, true)));
}

/**
 * Rank of tensor `t` when it can be told without running the graph: its value_info / graph input, else walking
 * back through rank-preserving ops to a Conv (rank = its weight's rank). undefined when unknown.
 */
function rankOf(g: GraphProto, t: string): number | undefined {
  const PRESERVE = new Set(['Relu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'LeakyRelu', 'BatchNormalization', 'Mul', 'Add', 'Sub', 'Div', 'Concat', 'Resize', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'Pad', 'Identity']);
  const producer = new Map((g.node ?? []).flatMap((n) => (n.output ?? []).map((o) => [o, n] as const)));
  const inits = new Map((g.initializer ?? []).map((i) => [i.name ?? '', i]));
  for (let cur = t, hops = 0; hops < 64; hops++) {
    const vi = [...(g.input ?? []), ...(g.valueInfo ?? [])].find((v) => v.name === cur);
    const dims = vi?.type?.tensorType?.shape?.dim;
    if (dims) return dims.length;
    const p = producer.get(cur);
    if (!p) return undefined;
    if (p.opType === 'Conv') return (inits.get(p.input?.[1] ?? '')?.dims ?? []).length || undefined;
    if (!PRESERVE.has(p.opType ?? '')) return undefined;
    // an elementwise op keeps the rank of its widest input; follow the first non-constant one
    const next = (p.input ?? []).find((x) => x && !inits.has(x));
    if (!next) return undefined;
    cur = next;
  }
  return undefined;
}
