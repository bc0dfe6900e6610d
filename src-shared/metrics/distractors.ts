// TrackEval's MOTChallenge preprocessing step 2 (pure): on one frame, predictions are matched to every labelled row
// (scored or not, any class) by a maximum-IoU assignment where pairs below IoU 0.5 are forbidden; a prediction
// matched to a distractor row is removed, not counted as a false positive. Boxes are normalised x1,y1,x2,y2.
import type { Box } from '../formats/run';
import { iou } from '../geometry/box';
import { hungarian } from './hungarian';
import { EPS } from './track-data';

/** One labelled row of a frame as the preprocessing sees it. */
export interface LabelRow {
  box: Box;
  /** Row of a distractor class (MOT17: person_on_vehicle, static_person, distractor, reflection). */
  distractor: boolean;
}

/** Indices (ascending) of the predictions matched to a distractor row. */
export function distractorMatches(rows: readonly LabelRow[], preds: readonly Box[]): number[] {
  if (rows.length === 0 || preds.length === 0 || !rows.some((r) => r.distractor)) return [];
  // matching_scores[matching_scores < 0.5 − eps] = 0; linear_sum_assignment(−matching_scores); matched if > eps.
  const score = rows.map((r) => preds.map((p) => {
    const o = iou(r.box, p);
    return o < 0.5 - EPS ? 0 : o;
  }));
  const col = hungarian(score.map((row) => row.map((v) => -v)));
  const out: number[] = [];
  col.forEach((p, r) => {
    if (p >= 0 && score[r][p] > EPS && rows[r].distractor) out.push(p);
  });
  return out.sort((a, b) => a - b);
}
