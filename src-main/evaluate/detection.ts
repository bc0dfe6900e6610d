// Detection family: COCO mAP of the variant's boxes against the reference (labels or the baseline as pseudo
// ground truth), and precision/recall at the run's operating threshold (the boxes it shows), IoU ≥ 0.5, same class.
import { meanAp } from '../../src-shared/metrics/ap';
import { addFrame, emptyTotals, matchFrame, metrics, type MatchBox } from '../../src-shared/metrics/match';
import type { DetectionScores } from '../../src-shared/types/degradation';
import type { ObjBox, Sequence } from './sequence';

const asMatch = (b: ObjBox): MatchBox => ({ box: b.box, score: b.score, classId: 0, label: b.cls });

/** Scores frames 0..min(len)−1 present in both sequences; reference frames absent from `ref` count as empty. */
export function detectionScores(ref: Sequence, variant: Sequence): DetectionScores {
  const n = variant.frames.length;
  const frames = Array.from({ length: n }, (_, i) => ({ gt: ref.frames[i] ?? [], det: variant.frames[i] }));
  const ap = meanAp(frames);
  let totals = emptyTotals();
  for (const f of frames) {
    const g = f.gt.map(asMatch);
    const d = f.det.map(asMatch);
    totals = addFrame(totals, matchFrame(g, d, 0.5), g, d);
  }
  const m = metrics(totals);
  return { map50: ap.map50, map: ap.map, precision: m.precision, recall: m.recall, perClass: ap.perClass };
}
