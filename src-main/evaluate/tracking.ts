// Tracking family: CLEAR-MOT, IDF1 and HOTA of the variant's tracks against the reference's objects, as TrackEval
// evaluates a multi-class dataset: each class on its own (that class's reference objects against the variant's
// boxes of that class, IoU similarity), then combined over classes. The top-level numbers are TrackEval's
// detection-averaged combination ('cls_comb_det_av': counts summed over classes, scores recomputed); the
// class-averaged one ('cls_comb_cls_av') and every class's own numbers are reported beside them.
import { clearMot } from '../../src-shared/metrics/clear-mot';
import { combineClasses, type ClassTracking } from '../../src-shared/metrics/combine-classes';
import { hota } from '../../src-shared/metrics/hota';
import { identity } from '../../src-shared/metrics/identity';
import { iou } from '../../src-shared/geometry/box';
import type { TrackStep } from '../../src-shared/metrics/track-data';
import type { ClassTrackingScores, TrackingCore, TrackingScores } from '../../src-shared/types/degradation';
import type { Sequence } from './sequence';

/** TrackEval-shaped timesteps over the variant's frames, all classes at once (similarity 0 across classes). */
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

/** Timesteps of one class: the reference's and the variant's boxes of class `cls` only. */
export function classSteps(ref: Sequence, variant: Sequence, cls: string): TrackStep[] {
  const only = (s: Sequence): Sequence => ({ ...s, frames: s.frames.map((f) => f.filter((b) => b.cls === cls)) });
  return trackSteps(only(ref), only(variant));
}

/** Why a class without reference boxes reads MOTA −FP (it is TrackEval's formula) and is not in the class average. */
export const NO_REFERENCE_NOTE =
  'no reference boxes: MOTA = (TP - FP - IDSW) / max(1, TP + FN) = -FP as TrackEval computes it; IDF1, HOTA 0; counted in the top-level (detection-averaged) sums, left out of classAveraged';
const CLASS_AVERAGE_NOTE =
  'mean over the classes with reference boxes; TrackEval averages every class of its class list, so a class without reference boxes there would add its MOTA of -FP';
const NO_CLASS_NOTE = 'no class has reference boxes: classAveraged repeats the top level';

function core(t: ClassTracking): TrackingCore {
  return {
    mota: t.clear.mota,
    motp: t.clear.motp,
    idSwitches: t.clear.idSwitches,
    fragmentations: t.clear.fragmentations,
    idf1: t.identity.idf1,
    hota: t.hota.hota,
    detA: t.hota.detA,
    assA: t.hota.assA,
  };
}

const evaluate = (steps: readonly TrackStep[]): ClassTracking => ({ clear: clearMot(steps), identity: identity(steps), hota: hota(steps) });

/** The three metric families on one set of timesteps (one class, or all classes at once). */
export function trackingScores(steps: readonly TrackStep[]): TrackingCore {
  return core(evaluate(steps));
}

/**
 * Per class, then combined. Classes: every class the reference or the variant shows (a class only the variant
 * shows is all false positives and counts in the detection-averaged sums). The class-averaged means take the
 * classes with reference boxes only — as TrackEval's class list is the labelled classes — so a stray variant
 * class does not average in a MOTA of −(its box count). Without any reference class it equals the top level.
 */
export function classTracking(ref: Sequence, variant: Sequence): TrackingScores {
  const count = (s: Sequence, cls: string) => s.frames.slice(0, variant.frames.length).reduce((n, f) => n + f.filter((b) => b.cls === cls).length, 0);
  const classes = [...new Set([...ref.frames.slice(0, variant.frames.length), ...variant.frames].flat().map((b) => b.cls))].sort();
  const per = classes.map((cls) => ({ cls, gtBoxes: count(ref, cls), trackerBoxes: count(variant, cls), t: evaluate(classSteps(ref, variant, cls)) }));
  const labelled = per.filter((p) => p.gtBoxes > 0);
  const top = combineClasses(per.map((p) => p.t)).detAveraged;
  const perClass: ClassTrackingScores[] = per.map((p) => ({
    cls: p.cls,
    gtBoxes: p.gtBoxes,
    trackerBoxes: p.trackerBoxes,
    ...core(p.t),
    ...(p.gtBoxes === 0 ? { note: NO_REFERENCE_NOTE } : {}),
  }));
  return {
    ...core(top),
    perClass,
    classAveraged: labelled.length ? core(combineClasses(labelled.map((p) => p.t)).classAveraged) : core(top),
    classAveragedOver: { classes: labelled.map((p) => p.cls), note: labelled.length ? CLASS_AVERAGE_NOTE : NO_CLASS_NOTE },
  };
}
