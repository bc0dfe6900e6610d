// Pre-quantization pass: a batch norm's shift that TF's ArithmeticOptimizer moved past a residual sum goes back
// into the Conv's bias. SSD-MobileNetV2's residual blocks are exported as
//   Add(c, Sum(Conv(x), r))        (c: per-channel BN shift, r: the block's input)
// so the Conv (no bias) writes its output *without* the shift: its calibrated range holds every channel's offset
// (expanded_conv_12: [−103, 34]) and the Sum has no int8 kernel (float between DQ and Q). Rewritten as
//   Add(Conv'(x), r),  Conv' = Conv with bias + c
// exact up to float32 rounding ((a + r) + c = (a + c) + r). The Conv' output holds other values than the old Conv
// output, so it gets a new name (`…__biased`); the rewritten Add writes the old Add's output tensor. Never touches
// a node named in `exclude`, a graph output or a tensor with another consumer.
import type { onnx } from 'onnx-proto';
import { num, onnxPb, tensorElements, type GraphProto, type TensorProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { floatValues, namesInUse, uniqueName } from '../../formats/onnx/edit';

/** A 2-input Add or Sum. */
const isAdd2 = (n: onnx.INodeProto | undefined) => !!n && (n.opType === 'Add' || n.opType === 'Sum') && (n.input ?? []).length === 2;

/** Per-output-channel values of `t` for an NCHW Conv output of m channels (scalar, [m,1,1] or [1,m,1,1]); else undefined. */
function perChannel(t: TensorProto | undefined, m: number, file: string): Float32Array | undefined {
  if (!t || t.dataType !== DT.FLOAT) return undefined;
  const v = floatValues(t, tensorElements(t, file));
  const dims = (t.dims ?? []).map((d) => num(d));
  if (dims.length > 4) return undefined;
  if (v.length === 1) return new Float32Array(m).fill(v[0]);
  if (v.length !== m || dims.length < 3 || dims[dims.length - 3] !== m) return undefined;
  return v;
}

/** Rewrites every Add(c, Add|Sum(Conv(x), r)) of `g` in place; returns how many. */
export function foldResidualBias(g: GraphProto, exclude: Set<string>, file: string): number {
  const outputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  const taken = namesInUse(g);
  let count = 0;
  for (;;) {
    const inits = new Map((g.initializer ?? []).filter((t) => !graphInputs.has(t.name ?? '')).map((t) => [t.name ?? '', t]));
    const producer = new Map((g.node ?? []).flatMap((n) => (n.output ?? []).map((o) => [o, n] as const)));
    const uses = new Map<string, number>();
    for (const n of g.node ?? []) for (const x of n.input ?? []) if (x) uses.set(x, (uses.get(x) ?? 0) + 1);
    const single = (t: string) => uses.get(t) === 1 && !outputs.has(t);
    const ok = (n: onnx.INodeProto) => !exclude.has(n.name ?? '');
    let done = false;
    for (const add of g.node ?? []) {
      if (!isAdd2(add) || !ok(add)) continue;
      const [i0, i1] = add.input!;
      const [cName, s] = inits.has(i0) ? [i0, i1] : inits.has(i1) ? [i1, i0] : [undefined, undefined];
      const sum = s ? producer.get(s) : undefined;
      if (!cName || !s || !sum || !isAdd2(sum) || !ok(sum) || !single(s)) continue;
      const conv = sum.input!.map((t) => producer.get(t)).find((p) => p?.opType === 'Conv' && ok(p) && single(p.output![0]));
      if (!conv) continue;
      const y = conv.output![0];
      if (sum.input![0] === sum.input![1]) continue;
      const w = inits.get(conv.input?.[1] ?? '');
      const m = num(w?.dims?.[0]);
      const c = perChannel(inits.get(cName), m, file);
      if (!w || !m || !c) continue;
      const bName = conv.input?.[2];
      const bt = bName ? inits.get(bName) : undefined;
      const b = bt && bt.dataType === DT.FLOAT ? floatValues(bt, tensorElements(bt, file)) : bName ? undefined : new Float32Array(m);
      if (!b || b.length !== m) continue;
      const b2 = Float32Array.from(b, (v, k) => v + c[k]);
      const biasName = uniqueName(`${conv.name || y}_B_residual`, taken);
      g.initializer!.push(onnxPb.TensorProto.create({ name: biasName, dims: [m], dataType: DT.FLOAT, rawData: new Uint8Array(b2.buffer) }));
      const y2 = uniqueName(`${y}__biased`, taken);
      conv.input = [conv.input![0], conv.input![1], biasName];
      conv.output = [y2];
      sum.opType = 'Add';
      sum.input = sum.input!.map((t) => (t === y ? y2 : t));
      sum.output = [add.output![0]];
      g.node = (g.node ?? []).filter((n) => n !== add);
      g.valueInfo = (g.valueInfo ?? []).filter((v) => v.name !== y && v.name !== s);
      count++;
      done = true;
      break; // producers / uses changed: rescan
    }
    if (!done) return count;
  }
}
