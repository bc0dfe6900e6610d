// Rewrites a float32 TFLite IR into full-integer int8 with float input/output, as TF's converter does with a
// representative dataset: QUANTIZE after each float graph input, int8 kernels inside (parameters per the op
// registry, registry.ts; values per params.ts), DEQUANTIZE before each float graph output. Ops without an int8
// quantizer, excluded, or post-processing (after the last quantized weighted op, post-processing.ts) keep float32
// compute: DEQUANTIZE before them, QUANTIZE after them where an int8 op reads their output. Tensors keep their names (activations are retyped in place); a graph output keeps its float32
// tensor and name, the int8 tensor feeding its DEQUANTIZE is '<name>_int8' (added tensors get fresh names).
// Input: the float IR (not modified) and the calibrated real range of every float32 activation, by tensor index.
import { EdgeLabError } from '../../../src-shared/protocol';
import { addTensor, float32Data, type TfliteModel, type TfliteOp, type TfliteTensor } from '../../formats/tflite/model-ir';
import { constRange, int8Params, perTensor, quantizeBias, quantizeConst, quantizeWeights, type AffineParams } from './params';
import { mulVersion, tfliteQuantizer, type TfliteQuantizer } from './registry';
import { pruneTensors } from './prune';
import { postProcessingOps } from './post-processing';
import { freshTensorName, tfliteOpName } from '../tflite-variant';

export interface QuantizeOptions {
  /** Ops to keep float: by their first output tensor's name, or by op name (e.g. 'LOGISTIC' keeps every one). */
  exclude?: Set<string>;
  /** 'float' (default): ops after the last quantized weighted op keep float compute (post-processing.ts);
   *  'int8': quantize them too, as TF's converter does. */
  postProcessing?: 'float' | 'int8';
}

export interface QuantizeResult {
  model: TfliteModel;
  /** Ops left in float32 compute (named by their first output tensor) and why. */
  kept: { name: string; reason: string }[];
  quantizedOps: number;
  /** Ops kept float as post-processing (after the last quantized weighted op). */
  postProcessingOps: number;
  /** QUANTIZE / DEQUANTIZE ops added (boundaries, float islands, requantized inputs of shared-scale ops). */
  quantizeOps: number;
  dequantizeOps: number;
  weights: number;
  biases: number;
}

const isFloat = (t: TfliteTensor | undefined): boolean => t?.type === 'float32';
const isActivation = (t: TfliteTensor): boolean => t.data === undefined;

/** Why `op` cannot be quantized (undefined: it can). */
function whyFloat(m: TfliteModel, op: TfliteOp, q: TfliteQuantizer | undefined, exclude: Set<string>): string | undefined {
  if (!q) return op.op === 'CUSTOM' ? `custom op ${op.customCode ?? ''} runs in float32` : `${op.op} has no int8 quantizer (see transforms/quant-tflite/registry.ts)`;
  if (exclude.has(tfliteOpName(m, op)) || exclude.has(op.op)) return 'excluded by --exclude';
  const data = q.dataInputs(op).filter((i) => op.inputs[i] >= 0);
  if (data.length === 0 || data.some((i) => !isFloat(m.tensors[op.inputs[i]]))) return `${op.op}: a data input is not float32`;
  if (op.outputs.some((o) => !isFloat(m.tensors[o]))) return `${op.op}: an output is not float32`;
  if (q.kind === 'weighted') {
    const w = m.tensors[op.inputs[1]];
    const b = op.inputs[2] >= 0 ? m.tensors[op.inputs[2]] : undefined;
    if (!w?.data) return `${op.op}: weights are not a constant`;
    if (b && (!b.data || b.type !== 'float32')) return `${op.op}: bias is not a float32 constant`;
  }
  return undefined;
}

/** True when the op touches a float32 tensor (an op kept float that reads or writes only ints is not reported). */
const touchesFloat = (m: TfliteModel, op: TfliteOp): boolean => [...op.inputs, ...op.outputs].some((i) => i >= 0 && isFloat(m.tensors[i]));

export function quantizeTflite(src: TfliteModel, ranges: Map<number, [number, number]>, opts: QuantizeOptions = {}): QuantizeResult {
  const exclude = opts.exclude ?? new Set<string>();
  const m: TfliteModel = { ...src, tensors: src.tensors.map((t) => ({ ...t })), operators: [], inputs: [...src.inputs], outputs: [...src.outputs] };
  const graphOut = new Set(src.outputs);
  const int8Of = new Map<number, number>(); // float tensor → its int8 tensor
  const retyped = new Set<number>(); // tensors made int8 in place (a float reader needs a DEQUANTIZE)
  const floatOf = new Map<number, number>(); // retyped tensor → its DEQUANTIZE output
  const params = new Map<number, AffineParams>(); // int8 activation → its parameters
  const taken = new Set(src.tensors.map((t) => t.name));
  const res: QuantizeResult = { model: m, kept: [], quantizedOps: 0, postProcessingOps: 0, quantizeOps: 0, dequantizeOps: 0, weights: 0, biases: 0 };
  const out = m.operators;

  const rangeParams = (t: number): AffineParams => {
    const r = ranges.get(t);
    if (!r) throw new EdgeLabError('INTERNAL', `no calibrated range for tensor '${src.tensors[t].name}'`);
    return int8Params(r[0], r[1]);
  };
  const newInt8 = (from: number, suffix: string, p: AffineParams): number => {
    const t = m.tensors[from];
    const idx = addTensor(m, { name: freshTensorName(`${t.name}${suffix}`, taken), type: 'int8', shape: [...t.shape], ...(t.shapeSignature ? { shapeSignature: [...t.shapeSignature] } : {}), quant: perTensor(p) });
    params.set(idx, p);
    return idx;
  };
  const toInt8 = (t: number): number => {
    const have = int8Of.get(t);
    if (have !== undefined) return have;
    const q = newInt8(t, '_int8', rangeParams(t));
    out.push({ op: 'QUANTIZE', inputs: [t], outputs: [q], version: 1 });
    res.quantizeOps++;
    int8Of.set(t, q);
    return q;
  };
  const toFloat = (t: number): number => {
    if (!retyped.has(t)) return t;
    let f = floatOf.get(t);
    if (f === undefined) {
      const s = m.tensors[t];
      f = addTensor(m, { name: freshTensorName(`${s.name}_dequantize`, taken), type: 'float32', shape: [...s.shape], ...(s.shapeSignature ? { shapeSignature: [...s.shapeSignature] } : {}) });
      out.push({ op: 'DEQUANTIZE', inputs: [t], outputs: [f], version: 2 });
      res.dequantizeOps++;
      floatOf.set(t, f);
    }
    return f;
  };
  const requantize = (q: number, p: AffineParams): number => {
    const have = params.get(q)!;
    if (have.scale === p.scale && have.zeroPoint === p.zeroPoint) return q;
    const r = newInt8(q, '_requantized', p);
    out.push({ op: 'QUANTIZE', inputs: [q], outputs: [r], version: 1 });
    res.quantizeOps++;
    return r;
  };
  /** An int8 view of data input `t` of a quantized op: a constant quantized with `constP` (default: its own range). */
  const dataInput = (t: number, constP?: AffineParams): number => {
    const s = m.tensors[t];
    if (isActivation(s)) return toInt8(t);
    const values = float32Data(s);
    const p = constP ?? int8Params(...constRange(values));
    const idx = addTensor(m, quantizeConst(s, values, p));
    params.set(idx, p);
    return idx;
  };
  /** Makes output slot k of `op` int8 with `p`; graph outputs get an int8 twin and a DEQUANTIZE after the op. */
  const after: TfliteOp[] = [];
  const setOutput = (op: TfliteOp, k: number, p: AffineParams): void => {
    const o = op.outputs[k];
    if (graphOut.has(o)) {
      const twin = newInt8(o, '_int8', p);
      op.outputs[k] = twin;
      int8Of.set(o, twin);
      after.push({ op: 'DEQUANTIZE', inputs: [twin], outputs: [o], version: 2 });
      res.dequantizeOps++;
      return;
    }
    m.tensors[o] = { ...m.tensors[o], type: 'int8', quant: perTensor(p) };
    params.set(o, p);
    retyped.add(o);
    int8Of.set(o, o);
  };

  const whys = src.operators.map((op) => whyFloat(src, op, tfliteQuantizer(op.op), exclude));
  const tail = opts.postProcessing === 'int8' ? new Set<number>() : postProcessingOps(src, (k) => whys[k] === undefined && tfliteQuantizer(src.operators[k].op)?.kind === 'weighted');
  const tailOps = new Map<string, number>();
  for (const [k, srcOp] of src.operators.entries()) {
    const op: TfliteOp = { ...srcOp, inputs: [...srcOp.inputs], outputs: [...srcOp.outputs] };
    const q = tfliteQuantizer(op.op);
    const why = whys[k];
    if (why || !q || tail.has(k)) {
      if (why && touchesFloat(src, op)) res.kept.push({ name: tfliteOpName(src, op), reason: why });
      else if (!why && tail.has(k)) tailOps.set(op.op, (tailOps.get(op.op) ?? 0) + 1);
      op.inputs = op.inputs.map((i) => (i >= 0 ? toFloat(i) : i));
      out.push(op);
      continue;
    }
    const data = q.dataInputs(op).filter((i) => op.inputs[i] >= 0);
    if (q.kind === 'weighted') {
      const x = toInt8(op.inputs[0]);
      const sIn = params.get(x)!.scale;
      const w = m.tensors[op.inputs[1]];
      const qw = quantizeWeights(float32Data(w), w.shape, q.weightAxis);
      op.inputs[0] = x;
      op.inputs[1] = addTensor(m, { name: w.name, type: 'int8', shape: [...w.shape], data: qw.data, quant: qw.quant });
      res.weights++;
      if (op.inputs[2] >= 0) {
        const b = m.tensors[op.inputs[2]];
        const qb = quantizeBias(float32Data(b), sIn, qw.scales);
        op.inputs[2] = addTensor(m, { name: b.name, type: 'int32', shape: [...b.shape], data: qb.data, quant: qb.quant });
        res.biases++;
      }
      setOutput(op, 0, rangeParams(srcOp.outputs[0]));
    } else if (q.kind === 'own') {
      for (const i of data) op.inputs[i] = dataInput(op.inputs[i]);
      op.outputs.forEach((o, k) => setOutput(op, k, rangeParams(o)));
    } else if (q.kind === 'same') {
      for (const i of data) op.inputs[i] = dataInput(op.inputs[i]);
      const p = params.get(op.inputs[data[0]])!;
      op.outputs.forEach((_, k) => setOutput(op, k, p));
    } else if (q.kind === 'shared') {
      const p = rangeParams(srcOp.outputs[0]);
      for (const i of data) {
        const s = m.tensors[op.inputs[i]];
        op.inputs[i] = isActivation(s) ? requantize(toInt8(op.inputs[i]), p) : dataInput(op.inputs[i], p);
      }
      setOutput(op, 0, p);
    } else {
      for (const i of data) op.inputs[i] = dataInput(op.inputs[i]);
      op.outputs.forEach((_, k) => setOutput(op, k, q.fixed!));
    }
    op.version = op.op === 'MUL' ? mulVersion(params.get(op.inputs[0])!.scale, params.get(op.inputs[1])!.scale, m.tensors[op.outputs[0]].quant!.scale[0]) : q.version(op, m);
    out.push(op, ...after.splice(0));
    res.quantizedOps++;
  }
  res.postProcessingOps = [...tailOps.values()].reduce((a, b) => a + b, 0);
  if (res.postProcessingOps) {
    const list = [...tailOps].map(([op, c]) => `${c} ${op}`).join(', ');
    res.kept.push({ name: 'post-processing', reason: `${res.postProcessingOps} op(s) after the last CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED (${list}) kept in float32: decoding, packing and NMS inputs need float precision` });
  }
  // A graph output produced by a float op is already float; one retyped cannot happen (graph outputs get twins).
  pruneTensors(m);
  return res;
}
