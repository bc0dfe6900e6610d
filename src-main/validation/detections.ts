// Validation that sees detections: the variant's and the float32 model's outputs on the validation frames are
// decoded by the model's own decoder (replay's score threshold, class-aware NMS) and matched box to box, so that a
// variant whose tensors look close (high SNR) but whose scores collapsed — scores packed in one tensor with pixel
// coordinates and quantized per tensor — is caught at convert time. Warnings are sentences for the user.
import { promises as fs } from 'node:fs';
import { argSchemas } from '../../src-shared/api';
import { iou } from '../../src-shared/geometry/box';
import type { ModelMeta } from '../../src-shared/types/model';
import type { DetectionValidation, ValidationMetrics } from '../../src-shared/types/validation';
import { floatComputeNodes } from '../../src-shared/graph/float-compute';
import { decodeOnnx } from '../formats/onnx/codec';
import { readOnnxModelGraph } from '../formats/onnx/model-graph';
import { nms } from '../pipeline/decoders/nms';
import { getDecoder } from '../pipeline/decoders/registry';
import type { RawDetection } from '../pipeline/decoders/types';
import type { HostTensor } from '../runtimes/types';

const RUN = argSchemas.replay.shape;
/** Replay's defaults: score threshold, NMS IoU and detections per frame. */
const SCORE_THRESHOLD = RUN.scoreThreshold.parse(undefined);
const NMS_IOU = RUN.iouThreshold.parse(undefined);
const MAX_DETECTIONS = RUN.maxDetections.parse(undefined);
/** A match needs this IoU and the same class. */
const MATCH_IOU = 0.5;
/** Below this recall the variant's detections disagree with float32. */
export const MIN_RECALL = 0.5;
/** Scores collapsed: the variant's score spread is under this fraction of the float32 one. */
export const MIN_SPREAD_RATIO = 0.1;

export type Outputs = Record<string, HostTensor>;

/** `meta`'s decoder as replay runs it (replay's score threshold, class-aware NMS): outputs of a frame → its detections. */
export function detectionDecoder(meta: ModelMeta): (outputs: Outputs) => RawDetection[] {
  const decoder = getDecoder(meta.decoder!, { input: meta.input });
  return (outputs) => nms(decoder.decode(outputs, { scoreThreshold: SCORE_THRESHOLD }), NMS_IOU, MAX_DETECTIONS);
}

function spread(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

/** Detections of `variant` frames against `reference` frames (same order; outputs under the reference's names). */
export function detectionAgreement(meta: ModelMeta, reference: Outputs[], variant: Outputs[]): DetectionValidation {
  const decode = detectionDecoder(meta);
  return matchDetections(reference.map(decode), variant.map(decode));
}

/** Decoded detections of the variant against the reference's, frame by frame (same order). */
export function matchDetections(reference: RawDetection[][], variant: RawDetection[][]): DetectionValidation {
  let refBoxes = 0;
  let varBoxes = 0;
  let matched = 0;
  let absErr = 0;
  const refScores: number[] = [];
  const varScores: number[] = [];
  reference.forEach((r, f) => {
    const v = [...variant[f]].sort((a, b) => b.score - a.score);
    refBoxes += r.length;
    varBoxes += v.length;
    refScores.push(...r.map((d) => d.score));
    varScores.push(...v.map((d) => d.score));
    const taken = new Array<boolean>(r.length).fill(false);
    const scoreOf = new Array<number>(r.length).fill(0);
    for (const d of v) {
      let best = -1;
      let bestIou = MATCH_IOU;
      r.forEach((x, k) => {
        if (taken[k] || x.classId !== d.classId) return;
        const o = iou(x.box, d.box);
        if (o >= bestIou) [best, bestIou] = [k, o];
      });
      if (best >= 0) {
        taken[best] = true;
        scoreOf[best] = d.score;
        matched++;
      }
    }
    r.forEach((x, k) => (absErr += Math.abs(x.score - scoreOf[k])));
  });
  return {
    referenceBoxes: refBoxes,
    variantBoxes: varBoxes,
    recall50: refBoxes ? matched / refBoxes : 1,
    precision50: varBoxes ? matched / varBoxes : 1,
    scoreMeanAbsError: refBoxes ? absErr / refBoxes : 0,
    referenceScoreSpread: spread(refScores),
    variantScoreSpread: spread(varScores),
    scoreThreshold: SCORE_THRESHOLD,
  };
}

/**
 * Warnings (sentences) when the variant's detections disagree with float32: recall@0.5 under MIN_RECALL, or the
 * scores collapsed (spread under MIN_SPREAD_RATIO of the reference's). `producers`: the nodes writing the outputs the
 * decoder reads that the variant quantizes (the suggestion to keep them in float); empty when unknown. `alreadyFloat`:
 * such nodes the variant already computes in float32 — suggesting their --exclude would change nothing (a user who
 * followed it got the same variant and the same advice), so the advice then points upstream.
 */
export function detectionWarnings(d: DetectionValidation, producers: string[], alreadyFloat: string[] = []): string[] {
  const exclude = producers.length ? `--exclude ${producers.join(',')}` : '--exclude <the node writing the output>';
  const keep =
    !producers.length && alreadyFloat.length
      ? `the nodes writing the outputs (${alreadyFloat.join(', ')}) already compute in float32, so the error arises before them: ` +
        'edgelab layers shows where the SNR drops, and --target-snr <dB> keeps the most sensitive nodes in float'
      : `keep the output's producer in float with ${exclude}`;
  const out: string[] = [];
  const f = (x: number) => x.toFixed(3);
  if (d.referenceBoxes >= 2 && d.referenceScoreSpread > 0 && d.variantScoreSpread < MIN_SPREAD_RATIO * d.referenceScoreSpread) {
    out.push(
      `scores collapsed: the variant's detection scores spread ${f(d.variantScoreSpread)} against ${f(d.referenceScoreSpread)} for float32 ` +
        `(${((100 * d.variantScoreSpread) / d.referenceScoreSpread).toFixed(1)} %, ${d.variantBoxes} boxes vs ${d.referenceBoxes}); ${keep}`,
    );
  }
  if (d.referenceBoxes > 0 && d.recall50 < MIN_RECALL) {
    out.push(
      `detections disagree with float32: recall@0.5 ${f(d.recall50)} (${Math.round(d.recall50 * d.referenceBoxes)} of ${d.referenceBoxes} boxes found), ` +
        `precision ${f(d.precision50)}, score mean abs error ${f(d.scoreMeanAbsError)}` +
        (out.length ? '' : ` — the scores may have collapsed; ${keep}`), // the advice once, after the collapse warning's
    );
  }
  return out;
}

/**
 * Names of the ONNX nodes that write `outputs`, looking through Identity / Reshape / Transpose / Squeeze /
 * Unsqueeze / Flatten (layout moves, not computations); [] when the file is not ONNX or has no such node.
 */
export async function outputProducers(file: string, outputs: string[]): Promise<string[]> {
  if (!file.toLowerCase().endsWith('.onnx')) return [];
  const g = decodeOnnx(await fs.readFile(file), file).graph;
  const by = new Map<string, { name: string; op: string; input: string }>();
  g?.node?.forEach((n, i) => n.output?.forEach((o) => by.set(o, { name: n.name || `${n.opType}#${i}`, op: n.opType ?? '', input: n.input?.[0] ?? '' })));
  const MOVES = new Set(['Identity', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Flatten']);
  const names = (outputs.length ? outputs : (g?.output ?? []).map((o) => o.name ?? '')).map((o) => {
    let n = by.get(o);
    for (let k = 0; n && MOVES.has(n.op) && k < 64; k++) n = by.get(n.input) ?? n;
    return n?.name;
  });
  return [...new Set(names.filter((x): x is string => !!x))];
}

/**
 * The warnings of a conversion's validation (ConvertResult.warnings): detection disagreement, in words. `int8Onnx`:
 * the variant's file when it is a QDQ ONNX (int8), whose float32 nodes (graph/float-compute.ts) are not suggested
 * for --exclude.
 */
export async function validationWarnings(meta: ModelMeta, sourceFile: string, v: ValidationMetrics | undefined, int8Onnx?: string): Promise<string[]> {
  if (!v?.detection || !meta.decoder) return [];
  const none = detectionWarnings(v.detection, []);
  if (!none.length) return [];
  const outputs = getDecoder(meta.decoder, { input: meta.input }).outputs;
  const producers = await outputProducers(sourceFile, outputs).catch(() => []);
  const float = new Set(int8Onnx ? await readOnnxModelGraph(int8Onnx).then(floatComputeNodes, () => []) : []);
  return detectionWarnings(
    v.detection,
    producers.filter((n) => !float.has(n)),
    producers.filter((n) => float.has(n)),
  );
}
