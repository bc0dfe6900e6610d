// A run prepared for scoring against labels, as TrackEval prepares a tracker's boxes (MOTChallenge preprocessing):
// predictions of labels the labels do not score are dropped (the `pedestrian` preset keeps "person" only), then,
// frame by frame and class by class, predictions matched to a distractor row are removed (metrics/distractors.ts).
// Per class: TrackEval's trackers report one class, matched against every gt row; here each prediction class is
// matched on its own so a car box cannot take a row from a person box.
import { distractorMatches } from '../../src-shared/metrics/distractors';
import type { Sequence } from './sequence';

export function againstLabels(labels: Sequence, run: Sequence, predictions: readonly string[] | null): Sequence {
  const frames = run.frames.map((boxes, i) => {
    const kept = predictions ? boxes.filter((b) => predictions.includes(b.cls)) : boxes;
    const rows = labels.labelRows?.[i] ?? [];
    if (!rows.some((r) => r.distractor)) return kept;
    const drop = new Set<number>();
    for (const cls of new Set(kept.map((b) => b.cls))) {
      const idx = kept.map((b, k) => (b.cls === cls ? k : -1)).filter((k) => k >= 0);
      for (const j of distractorMatches(rows, idx.map((k) => kept[k].box))) drop.add(idx[j]);
    }
    return kept.filter((_, k) => !drop.has(k));
  });
  return { ...run, frames };
}
