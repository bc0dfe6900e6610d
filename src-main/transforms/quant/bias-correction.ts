// Empirical bias correction of a static int8 QDQ model (Nagel et al. 2019, "Data-Free Quantization", §4.2, the
// empirical variant; what AIMET and TFLite call bias correction): quantizing weights and inputs shifts the mean of
// a conv's output, E[y_quant] ≠ E[y_float], and a Relu / the 0.3 score threshold downstream turns that systematic
// shift into lost detections. For every corrected Conv/Gemm and output channel c the mean difference
//   δ_c = E[y_float_c] − E[y_quant_c]     (pre-activation conv output, over frames and spatial positions)
// is added to the bias: its int32 value q_c (scale s_x · s_w[c], zero point 0) becomes q_c + round(δ_c / s_c).
// y_quant is read in the QDQ model (its inputs carry the upstream quantization error), y_float in the float32
// model the QDQ model was made from (after the same pre-pass). Tapping a conv output makes onnxruntime run that conv
// as a float conv on the dequantized inputs and weights (no QLinearConv fusion), which is the integer conv before
// its output requantization, so the measured mean is the deployed one.
// Schedule: sequential by conv depth. A target's level is 1 + the largest level of the targets upstream of it; one
// QDQ pass per level corrects that level's convs with every upstream correction already in place (exact, as the
// layer-by-layer method; the float32 means are measured once, in one pass). Correcting all convs at once from one
// pass (then refining) diverged: a conv's mean error is mostly error propagated from upstream convs, which their own
// corrections already remove, so every conv over-corrected (SSD, 88 convs: mean |δ| 0.09 → 0.57 after one pass).
// To make a pass cheap, the measuring copy of the QDQ model takes the corrected convs' int32 biases as graph inputs
// (one onnxruntime session for every pass) and the frames are decoded once and held (`frames`, a handful: 16 ×
// 1.1 MB for SSD's 300×300 input). Memory otherwise: one frame's tapped outputs of the current level + one
// Float64Array of sums per corrected conv. A last pass measures the residual of every corrected conv.
// Invariants: the model's graph is topologically sorted; calibration frames have batch 1 (Conv output [1, C, H, W],
// Gemm output [M, C], channels on the last axis).
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { BIAS_CORRECTION_SCOPES } from '../../../src-shared/types/model';
import { intAttr, onnxPb, type GraphProto, type ModelProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { floatValues, initializer, uniqueName } from '../../formats/onnx/edit';
import { checkCancelled, type JobContext } from '../../jobs/context';
import { openTapped, type TappedModel } from '../../runtimes/tapped';
import type { HostTensor } from '../../runtimes/types';
import { writeFileAtomic } from '../../workspace/atomic';
import { roundHalfEven, saturate } from './qdq-math';
import type { QdqPlan } from './qdq-plan';

/** Which quantized Conv/Gemm get their bias corrected (src-shared's list): every one, the depthwise convs, or the head convs (no Conv/Gemm downstream). */
export type BiasCorrectionScope = (typeof BIAS_CORRECTION_SCOPES)[number];

/** Frames measured when not told (the first ones of the calibration source). */
export const DEFAULT_BIAS_CORRECTION_FRAMES = 16;

/** A Conv/Gemm chosen before the QDQ rewrite; `node` is the same object in the QDQ graph afterwards. */
export interface BiasTarget {
  node: onnx.INodeProto;
  /** The node's output in the float32 graph (pre-activation: before a folded Relu/Clip). */
  floatOut: string;
  channels: number;
  /** Channels on the last axis (Gemm) rather than axis 1 (Conv). */
  channelsLast: boolean;
  /** 1 + the largest level of the targets upstream (1: no target upstream). */
  level: number;
}

export interface BiasCorrectionReport {
  scope: BiasCorrectionScope;
  frames: number;
  /** Sequential levels = QDQ passes that corrected (+ 1 float32 pass and 1 residual pass). */
  levels: number;
  correctedNodes: number;
  /** Mean over corrected channels of |E[y_float] − E[y_quant]|, measured just before each conv's correction (upstream corrected). */
  meanAbsErrorBefore: number;
  maxAbsErrorBefore: number;
  /** The same after every correction (last pass). */
  meanAbsErrorAfter: number;
  maxAbsErrorAfter: number;
  /** The corrected node (name or output) holding maxAbsErrorAfter. */
  worstAfter: string;
  seconds: number;
}

const isWeighted = (n: onnx.INodeProto) => n.opType === 'Conv' || n.opType === 'Gemm';

/**
 * The quantized Conv/Gemm of `plan` in `scope` whose bias the correction can carry; a selected Conv without a bias
 * gets a zero bias initializer here (exact in float; quantized to int32 like any bias). Call before applyQdq.
 */
export function biasTargets(g: GraphProto, plan: QdqPlan, scope: BiasCorrectionScope, taken: Set<string>): BiasTarget[] {
  const nodes = g.node ?? [];
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  // hasWeightedDownstream[i]: some Conv/Gemm reads (transitively) an output of node i. Nodes are in topological order.
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, i) => (n.input ?? []).forEach((x) => consumers.set(x, [...(consumers.get(x) ?? []), i])));
  const downstream = new Array<boolean>(nodes.length).fill(false);
  for (let i = nodes.length - 1; i >= 0; i--) {
    downstream[i] = (nodes[i].output ?? []).some((o) => (consumers.get(o) ?? []).some((j) => isWeighted(nodes[j]) || downstream[j]));
  }
  // Levels need every chosen target first: choose, then walk the graph in order.
  const chosen = new Map<number, Omit<BiasTarget, 'level'>>();
  for (const [i, kind] of plan.nodes) {
    const n = nodes[i];
    if (kind !== 'weighted' || !isWeighted(n)) continue;
    const w = inits.get(n.input?.[1] ?? '');
    if (!w || w.dataType !== DT.FLOAT) continue;
    const wDims = (w.dims ?? []).map(Number);
    const gemm = n.opType === 'Gemm';
    const channels = gemm ? (intAttr(n, 'transB', 0) ? wDims[0] : wDims[1]) : wDims[0];
    const group = intAttr(n, 'group', 1);
    const depthwise = !gemm && group > 1 && group === channels && wDims[1] === 1;
    if ((scope === 'depthwise' && !depthwise) || (scope === 'head' && downstream[i])) continue;
    const b = n.input?.[2] ? inits.get(n.input[2]) : undefined;
    if (n.input?.[2] && (!b || b.dataType !== DT.FLOAT || (b.dims ?? []).reduce((a, d) => a * Number(d), 1) !== channels)) continue;
    if (!b) {
      if (gemm) continue; // a Gemm's C may broadcast over rows: only an explicit per-column bias is corrected
      const name = uniqueName(`${n.output![0]}_bias`, taken);
      g.initializer!.push(initializer(name, DT.FLOAT, [channels], new Float32Array(channels)));
      n.input = [n.input![0], n.input![1], name];
    }
    chosen.set(i, { node: n, floatOut: n.output![0], channels, channelsLast: gemm });
  }
  // upstream.get(tensor): the largest level of a target that tensor depends on (0: none).
  const upstream = new Map<string, number>();
  const out: BiasTarget[] = [];
  nodes.forEach((n, i) => {
    const up = Math.max(0, ...(n.input ?? []).map((x) => upstream.get(x) ?? 0));
    const t = chosen.get(i);
    const level = t ? up + 1 : up;
    if (t) out.push({ ...t, level });
    for (const o of n.output ?? []) upstream.set(o, level);
  });
  return out;
}

/** Per-channel sums of one tapped output; returns the values per channel added. */
function addChannelSums(values: Float32Array, t: BiasTarget, sums: Float64Array): number {
  const C = t.channels;
  if (values.length % C !== 0) throw new EdgeLabError('INTERNAL', `tensor of ${values.length} values does not split into ${C} channels`);
  const inner = t.channelsLast ? 1 : values.length / C;
  for (let i = 0; i < values.length; i++) sums[Math.floor(i / inner) % C] += values[i];
  return values.length / C;
}

/** Per-channel means of `tensors[k]` (the output of `targets[k]`) over `frames`, run through `tapped` with `extra` feeds. */
async function channelMeans(
  tapped: TappedModel,
  tensors: string[],
  targets: BiasTarget[],
  frames: HostTensor[],
  inputName: string,
  extra: Record<string, HostTensor>,
  ctx: JobContext,
): Promise<Float64Array[]> {
  const sums = targets.map((t) => new Float64Array(t.channels));
  const counts = targets.map(() => 0);
  for (const f of frames) {
    checkCancelled(ctx);
    const outs = await tapped.run({ [inputName]: f, ...extra }, tensors);
    tensors.forEach((name, k) => {
      const v = outs.get(name);
      if (!v) throw new EdgeLabError('INTERNAL', `bias correction: tensor '${name}' was not read`, tapped.file);
      counts[k] += addChannelSums(v, targets[k], sums[k]);
    });
  }
  return sums.map((s, k) => s.map((x) => x / counts[k]));
}

/** The int32 bias initializer and its per-channel scales behind input 2 of `node` in the QDQ graph. */
function quantizedBias(g: GraphProto, node: onnx.INodeProto): { q: onnx.ITensorProto; scales: Float32Array } | undefined {
  const dq = (g.node ?? []).find((d) => d.opType === 'DequantizeLinear' && d.output?.[0] === node.input?.[2]);
  if (!dq) return undefined;
  const inits = g.initializer ?? [];
  const q = inits.find((t) => t.name === dq.input![0]);
  const s = inits.find((t) => t.name === dq.input![1]);
  if (!q || q.dataType !== DT.INT32 || !s || s.dataType !== DT.FLOAT) return undefined;
  return { q, scales: floatValues(s as onnx.TensorProto, (s.rawData?.length ?? 0) / 4) };
}

function int32Values(t: onnx.ITensorProto): Int32Array {
  if (t.rawData?.length) {
    const copy = new Uint8Array(t.rawData.length);
    copy.set(t.rawData);
    return new Int32Array(copy.buffer);
  }
  return Int32Array.from(t.int32Data ?? []);
}

/** A copy of `model` whose initializers named in `names` are graph inputs instead (INT32, 1-D). */
function withBiasInputs(model: ModelProto, names: Set<string>): Uint8Array {
  const copy = onnxPb.ModelProto.decode(onnxPb.ModelProto.encode(model).finish());
  const g = copy.graph!;
  const moved = (g.initializer ?? []).filter((t) => names.has(t.name ?? ''));
  g.initializer = (g.initializer ?? []).filter((t) => !names.has(t.name ?? ''));
  for (const t of moved) {
    g.input!.push(
      onnxPb.ValueInfoProto.create({
        name: t.name,
        type: { tensorType: { elemType: DT.INT32, shape: { dim: (t.dims ?? []).map((d) => ({ dimValue: d })) } } },
      }),
    );
  }
  return onnxPb.ModelProto.encode(copy).finish();
}

interface Stats {
  sum: number;
  count: number;
  max: number;
  at: string;
}
const addStat = (st: Stats, d: number, at: string) => {
  st.sum += Math.abs(d);
  st.count++;
  if (Math.abs(d) > st.max) {
    st.max = Math.abs(d);
    st.at = at;
  }
};
const label = (t: BiasTarget) => t.node.name || t.floatOut;

/**
 * Corrects the biases of `targets` in the QDQ `model` (in place) against the float32 model `floatFile` on `frames`
 * (preprocessed model inputs). `scratchFile`: where the measuring copy of the QDQ model is written (removed by the caller).
 */
export async function correctBiases(o: {
  model: ModelProto;
  floatFile: string;
  scratchFile: string;
  targets: BiasTarget[];
  scope: BiasCorrectionScope;
  frames: HostTensor[];
  inputName: string;
  threads: number;
  ctx: JobContext;
}): Promise<BiasCorrectionReport> {
  const t0 = performance.now();
  const g = o.model.graph!;
  const live = o.targets.flatMap((t) => {
    const b = quantizedBias(g, t.node);
    return b && b.scales.length === t.channels ? [{ t, b, q: int32Values(b.q) }] : [];
  });
  const levels = [...new Set(live.map((l) => l.t.level))].sort((a, b) => a - b);
  const empty = { scope: o.scope, frames: o.frames.length, levels: 0, correctedNodes: 0, meanAbsErrorBefore: 0, maxAbsErrorBefore: 0, meanAbsErrorAfter: 0, maxAbsErrorAfter: 0, worstAfter: '', seconds: 0 };
  if (live.length === 0) return empty;
  const passes = levels.length + 2;
  const progress = (k: number) => o.ctx.progress({ stage: `bias correction: pass ${k + 1} of ${passes}`, fraction: k / passes });
  progress(0);
  const targets = live.map((l) => l.t);
  const floatTapped = await openTapped(o.floatFile, 'onnx', { tensors: targets.map((t) => t.floatOut) }, { threads: o.threads, memPattern: false });
  let floatMeans: Float64Array[];
  try {
    floatMeans = await channelMeans(floatTapped, targets.map((t) => t.floatOut), targets, o.frames, o.inputName, {}, o.ctx);
  } finally {
    await floatTapped.dispose();
  }
  await writeFileAtomic(o.scratchFile, withBiasInputs(o.model, new Set(live.map((l) => l.b.q.name ?? ''))));
  const quantOut = (t: BiasTarget) => t.node.output![0];
  const tapped = await openTapped(o.scratchFile, 'onnx', { tensors: targets.map(quantOut) }, { threads: o.threads, memPattern: false });
  const before: Stats = { sum: 0, count: 0, max: 0, at: '' };
  const after: Stats = { sum: 0, count: 0, max: 0, at: '' };
  try {
    const biasFeeds = () => Object.fromEntries(live.map((l) => [l.b.q.name ?? '', { data: l.q, shape: [l.q.length], dtype: 'int32' as const }]));
    for (const [k, level] of levels.entries()) {
      progress(k + 1);
      const idx = live.flatMap((l, i) => (l.t.level === level ? [i] : []));
      const means = await channelMeans(tapped, idx.map((i) => quantOut(targets[i])), idx.map((i) => targets[i]), o.frames, o.inputName, biasFeeds(), o.ctx);
      idx.forEach((i, j) => {
        const { q, b } = live[i];
        for (let c = 0; c < q.length; c++) {
          const delta = floatMeans[i][c] - means[j][c];
          addStat(before, delta, label(targets[i]));
          q[c] = saturate(q[c] + roundHalfEven(delta / b.scales[c]), 'int32');
        }
      });
    }
    progress(passes - 1);
    const means = await channelMeans(tapped, targets.map(quantOut), targets, o.frames, o.inputName, biasFeeds(), o.ctx);
    live.forEach((l, i) => l.q.forEach((_, c) => addStat(after, floatMeans[i][c] - means[i][c], `${label(l.t)}[${c}]`)));
  } finally {
    await tapped.dispose();
  }
  for (const l of live) {
    l.b.q.rawData = new Uint8Array(l.q.buffer.slice(0));
    l.b.q.int32Data = [];
  }
  o.ctx.progress({ stage: 'bias correction: done', fraction: 1 });
  return {
    ...empty,
    levels: levels.length,
    correctedNodes: live.length,
    meanAbsErrorBefore: before.sum / before.count,
    maxAbsErrorBefore: before.max,
    meanAbsErrorAfter: after.sum / after.count,
    maxAbsErrorAfter: after.max,
    worstAfter: after.at,
    seconds: (performance.now() - t0) / 1000,
  };
}
