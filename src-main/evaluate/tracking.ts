// Tracking family: CLEAR-MOT, IDF1 and HOTA of the variant's tracks against the reference's objects. Similarity
// is IoU between boxes of the same class (0 across classes), as TrackEval evaluates one class at a time.
import { clearMot } from '../../src-shared/metrics/clear-mot';
import { hota } from '../../src-shared/metrics/hota';
import { identity } from '../../src-shared/metrics/identity';
import { iou } from '../../src-shared/geometry/box';
import type { TrackStep } from '../../src-shared/metrics/track-data';
import type { TrackingScores } from '../../src-shared/types/compare';
import type { Sequence } from './sequence';

/** TrackEval-shaped timesteps over the variant's frames. */
export function trackSteps(ref: Sequence, variant: Sequence): TrackStep[] {
  return variant.frames.map((det, i) => {
    const gt = ref.frames[i] ?? [];
    return {
      gtIds: gt.map((g) => g.id),
      trIds: det.map((d) => d.id),
      sim: gt.map((g) => det.map((d) => (g.cls === d.cls ? iou(g.box, d.box) : 0))),
    };
  });
}

export function trackingScores(steps: readonly TrackStep[]): TrackingScores {
  const c = clearMot(steps);
  const id = identity(steps);
  const h = hota(steps);
  return {
    mota: c.mota,
    motp: c.motp,
    idSwitches: c.idSwitches,
    fragmentations: c.fragmentations,
    idf1: id.idf1,
    hota: h.hota,
    detA: h.detA,
    assA: h.assA,
  };
}
