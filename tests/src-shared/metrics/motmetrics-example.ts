// The worked example of py-motmetrics' README (https://github.com/cheind/py-motmetrics, README "Populating the
// accumulator" / "Computing metrics"), as TrackEval-style timesteps: similarity = 1 − distance, NaN (forbidden)
// → 0, and a threshold of 0.4 so that exactly the finite distances (all ≤ 0.6) may match, as in the README.
// Published results there: full (3 frames) MOTA 50.0 %, MOTP 0.340 (distance), IDF1 83.3 %, IDs 1, FM 1, MT 1,
// PT 1, FP 1, FN 1; part (frames 0–1) MOTA 50.0 %, MOTP 0.167, IDF1 75.0 %, IDs 0, FM 0.
import type { TrackStep } from '../../../src-shared/metrics/track-data';

const sim = (d: number[][]) => d.map((r) => r.map((x) => (Number.isNaN(x) ? 0 : 1 - x)));
// Objects a = 1, b = 2; hypotheses 1, 2, 3.
export const README_STEPS: TrackStep[] = [
  { gtIds: [1, 2], trIds: [1, 2, 3], sim: sim([[0.1, NaN, 0.3], [0.5, 0.2, 0.3]]) },
  { gtIds: [1, 2], trIds: [1], sim: sim([[0.2], [0.4]]) },
  { gtIds: [1, 2], trIds: [1, 3], sim: sim([[0.6, 0.2], [0.1, 0.6]]) },
];
export const README_THRESHOLD = 0.4;
