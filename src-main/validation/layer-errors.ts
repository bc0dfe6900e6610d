// Per-layer error of a variant against its float32 model, ranked: both tapped models (runtimes/tapped.ts) run
// on the same frames, tensors matched by name, each pair accumulated over all frames (TensorAgreement: 6 numbers
// per tensor, so memory is one frame's activations whatever the frame count); each node also gets the SNR it
// loses locally (snrDropDb), the ranking mixed precision uses. Used by API `layers` and transforms/mixed-precision.ts.
import { SNR_CAP_DB, TensorAgreement } from '../../src-shared/metrics/tensor';
import { EdgeLabError } from '../../src-shared/protocol';
import type { LayerError } from '../../src-shared/types/layers';
import { checkCancelled, type JobContext } from '../jobs/context';
import type { TapInfo, TappedModel } from '../runtimes/tapped';
import type { HostTensor } from '../runtimes/types';

/**
 * SNR an exact tensor (graph input, or a weight the variant did not touch) counts as when computing a
 * node's snrDropDb, dB. Above any float32-vs-quantized SNR seen in practice and finite, so drops stay
 * comparable; float32 round-off alone sits near 140 dB but such tensors never differ here.
 */
export const EXACT_INPUT_DB = 100;

export interface CompareResult {
  nodes: LayerError[];
  skipped: { tensor: string; reason: string }[];
  frames: number;
}

/** `inputs` of each frame are fed to both models, under each model's own input name. */
export async function compareLayers(
  ref: TappedModel,
  variant: TappedModel,
  frames: AsyncIterable<{ tensor: HostTensor }>,
  opts: { refInput: string; variantInput: string; totalFrames: number },
  ctx: JobContext,
): Promise<CompareResult> {
  // Match by tensor name; failing that, by producing node name and op (transforms that rename tensors,
  // e.g. fp16 compute's `<name>__fp16`, keep node names). Each variant tensor is matched at most once.
  const varByTensor = new Map(variant.taps.map((t) => [t.tensor, t]));
  // A variant tensor whose name the float model also has is only ever matched to that same name (a Conv that
  // absorbed its Relu outputs the Relu's tensor: it must not be compared with the Conv's pre-Relu output).
  const refTensors = new Set(ref.taps.map((t) => t.tensor));
  const varByNode = new Map(variant.taps.filter((t) => !/#\d+$/.test(t.node) && !refTensors.has(t.tensor)).map((t) => [`${t.op}\u0000${t.node}`, t]));
  const match = new Map<string, TapInfo>();
  const claimed = new Set<string>();
  const skipped = new Map<string, string>();
  for (const t of ref.taps) {
    const byNode = varByNode.get(`${t.op}\u0000${t.node}`);
    const v = varByTensor.get(t.tensor) ?? (byNode && !claimed.has(byNode.tensor) ? byNode : undefined);
    if (v) {
      match.set(t.tensor, v);
      claimed.add(v.tensor);
    }
    else skipped.set(t.tensor, 'no tensor of that name (nor node of that name and op) in the variant');
  }
  if (match.size === 0) {
    throw new EdgeLabError('BAD_INPUT', `no intermediate tensor of the variant matches one of ${ref.file} by name: are they the same network?`, variant.file);
  }
  const pairs = ref.taps.filter((t) => match.has(t.tensor));
  const acc = new Map(pairs.map((t) => [t.tensor, new TensorAgreement()]));
  const elements = new Map<string, number>();
  const names = pairs.map((t) => t.tensor);
  // A quantized tensor of the variant is compared as its consumers read it (its DequantizeLinear output), not as
  // the float value before QuantizeLinear: that one misses the activation's quantization, and a producer that
  // absorbed its Relu/Clip writes the activation's name unclipped (measured on BlazeFace int8: a folded Relu at
  // −0.5 dB, max error 8.2, before this).
  const fetchName = (t: string) => match.get(t)!.dequantized ?? match.get(t)!.tensor;
  const varNames = pairs.map((t) => fetchName(t.tensor));
  let n = 0;
  for await (const f of frames) {
    checkCancelled(ctx);
    const a = await runOrExplain(ref, { [opts.refInput]: f.tensor }, names);
    const b = await runOrExplain(variant, { [opts.variantInput]: f.tensor }, varNames);
    for (const t of names) {
      const x = a.get(t);
      const y = b.get(fetchName(t));
      if (!acc.has(t)) continue;
      if (!x || !y) {
        skipped.set(t, `not a float tensor in the ${x ? 'variant' : 'float32 model'}`);
        acc.delete(t);
      } else if (x.length !== y.length) {
        skipped.set(t, `${y.length} values in the variant, ${x.length} in the float32 model`);
        acc.delete(t);
      } else {
        acc.get(t)!.add(x, y);
        elements.set(t, x.length);
      }
    }
    n++;
    ctx.progress({ stage: 'layers: frames', done: n, total: opts.totalFrames, unit: 'frames', fraction: Math.min(1, n / opts.totalFrames) });
  }
  if (n === 0) throw new EdgeLabError('BAD_INPUT', 'no frame to compare on');

  const snr = new Map([...acc].map(([t, a]) => [t, a.snrDb()]));
  const tapped = new Map(ref.taps.map((t) => [t.tensor, t]));
  const memo = new Map<string, number>();
  // SNR a tensor arrives with: measured when compared; through an uncompared tapped tensor, the worst of
  // its inputs; exact for graph inputs and weights.
  const arriving = (t: string, seen: Set<string>): number => {
    const s = snr.get(t);
    if (s !== undefined) return s;
    const m = memo.get(t);
    if (m !== undefined) return m;
    const tap = tapped.get(t);
    if (!tap || seen.has(t)) return EXACT_INPUT_DB;
    seen.add(t);
    const v = Math.min(EXACT_INPUT_DB, ...tap.inputs.map((i) => arriving(i, seen)));
    memo.set(t, v);
    return v;
  };
  const nodes: LayerError[] = [];
  for (const t of pairs) {
    const a = acc.get(t.tensor);
    if (!a) continue;
    const s = a.snrDb();
    const inSnr = Math.min(EXACT_INPUT_DB, ...t.inputs.map((i) => arriving(i, new Set([t.tensor]))));
    const vNode = match.get(t.tensor)!.node;
    nodes.push({
      name: t.node,
      op: t.op,
      tensor: t.tensor,
      snrDb: s,
      cosine: a.cosine(),
      maxAbsError: a.maxAbsError(),
      snrDropDb: Math.min(inSnr, SNR_CAP_DB) - Math.min(s, EXACT_INPUT_DB),
      elements: elements.get(t.tensor) ?? 0,
      ...(vNode !== t.node ? { variantNode: vNode } : {}),
    });
  }
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v); // NaN (a broken tensor) ranks worst
  nodes.sort((x, y) => key(x.snrDb) - key(y.snrDb) || key(x.cosine) - key(y.cosine));
  return { nodes, skipped: [...skipped].map(([tensor, reason]) => ({ tensor, reason })), frames: n };
}

/** Runs a tapped model; a runtime refusal (wrong input shape, type…) becomes BAD_INPUT naming the model. */
async function runOrExplain(m: TappedModel, feeds: Record<string, HostTensor>, names: string[]): Promise<Map<string, Float32Array>> {
  try {
    return await m.run(feeds, names);
  } catch (e) {
    if (e instanceof EdgeLabError) throw e;
    throw new EdgeLabError('BAD_INPUT', `does not run on the frames prepared by the input spec: ${String((e as Error).message ?? e).split('\n')[0]}`, m.file);
  }
}
