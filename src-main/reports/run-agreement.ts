// Agreement of a variant run with the baseline run (pure: no I/O). Frames are aligned by index and only
// frames on which both detectors ran are compared; only 'detected' boxes count (tracker-propagated boxes
// are not detector output).
import type { Detection, FrameRecord, RunFile } from '../../src-shared/formats/run';
import type { RunComparison } from '../../src-shared/types/report';
import { addFrame, emptyTotals, frameDisagreement, matchFrame, metrics, type FrameMatch } from '../../src-shared/metrics/match';
import { minOf } from '../../src-shared/extent';

export const MATCH_IOU = 0.5;

export interface FrameDiff {
  frame: number;
  match: FrameMatch;
  baseline: Detection[];
  variant: Detection[];
  /** frameDisagreement(match): 0 = identical. */
  disagreement: number;
}

export function detectorBoxes(f: FrameRecord): Detection[] {
  return f.detections.filter((d) => d.source === 'detected');
}

/** Frame-by-frame matches over the frames both runs detected, in frame order. */
export function diffFrames(baseline: RunFile, variant: RunFile, iouThreshold = MATCH_IOU): FrameDiff[] {
  const byIndex = new Map<number, FrameRecord>();
  for (const f of variant.frames) byIndex.set(f.index, f);
  const out: FrameDiff[] = [];
  for (const bf of [...baseline.frames].sort((a, b) => a.index - b.index)) {
    const vf = byIndex.get(bf.index);
    if (!vf || !bf.detected || !vf.detected) continue;
    const b = detectorBoxes(bf);
    const v = detectorBoxes(vf);
    const match = matchFrame(b, v, iouThreshold);
    out.push({ frame: bf.index, match, baseline: b, variant: v, disagreement: frameDisagreement(match) });
  }
  return out;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

export function compareRuns(baseline: RunFile, variant: RunFile, diffs: FrameDiff[], iouThreshold = MATCH_IOU): RunComparison {
  let t = emptyTotals();
  for (const d of diffs) t = addFrame(t, d.match, d.baseline, d.variant);
  const m = metrics(t);
  return {
    baselineRunId: baseline.id,
    variantRunId: variant.id,
    frames: t.frames,
    iouThreshold,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    meanIoU: m.meanIoU,
    meanScoreDelta: m.meanScoreDelta,
    sizeRatio: ratio(variant.model.sizeBytes, baseline.model.sizeBytes),
    latencyRatio: ratio(variant.summary.inferenceMsMean, baseline.summary.inferenceMsMean),
  };
}

/**
 * The `count` frames that disagree most (disagreement > 0), most first; ties → earlier frame first.
 * Picks are spread out: a frame closer than `minGap` frames to an earlier pick is skipped, so that
 * key frames are not three neighbours showing the same thing (default gap: compared frames / (2·count)).
 */
export function worstFrames(diffs: FrameDiff[], count: number, minGap = Math.max(1, Math.round(diffs.length / (2 * count)))): FrameDiff[] {
  const ranked = diffs.filter((d) => d.disagreement > 0).sort((a, b) => b.disagreement - a.disagreement || a.frame - b.frame);
  const picked: FrameDiff[] = [];
  for (const d of ranked) {
    if (picked.length >= count) break;
    if (picked.every((p) => Math.abs(p.frame - d.frame) >= minGap)) picked.push(d);
  }
  return picked;
}

/** Words for a key frame, e.g. "2 missed, 1 extra, lowest IoU 0.61". */
export function describeDiff(d: FrameDiff): string {
  const parts: string[] = [];
  if (d.match.missed.length) parts.push(`${d.match.missed.length} missed`);
  if (d.match.extra.length) parts.push(`${d.match.extra.length} extra`);
  if (d.match.pairs.length) {
    const low = minOf(d.match.pairs.map((p) => p.iou));
    if (low < 1) parts.push(`lowest IoU ${low.toFixed(2)}`);
  }
  return parts.length ? parts.join(', ') : 'identical';
}
