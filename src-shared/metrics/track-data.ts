// Input of the tracking metrics (CLEAR-MOT, identity, HOTA), in TrackEval's shape: per timestep the ids of
// the ground-truth objects and of the tracker's objects present, and their similarity (IoU) matrix.
import type { Box } from '../formats/run';
import { iou } from '../geometry/box';

export interface TrackStep {
  gtIds: readonly number[];
  trIds: readonly number[];
  /** sim[g][t] in [0,1]: similarity of gtIds[g] and trIds[t] (IoU of their boxes). */
  sim: readonly (readonly number[])[];
}

/** Boxes of one timestep with their ids. */
export interface IdBox {
  id: number;
  box: Box;
}

/** Builds one timestep from boxes (IoU similarity). */
export function stepFromBoxes(gt: readonly IdBox[], tr: readonly IdBox[]): TrackStep {
  return {
    gtIds: gt.map((g) => g.id),
    trIds: tr.map((t) => t.id),
    sim: gt.map((g) => tr.map((t) => iou(g.box, t.box))),
  };
}

/** Floating-point slack TrackEval applies to thresholds (np.finfo('float').eps). */
export const EPS = Number.EPSILON;

/** Dense 0-based index of every id seen in the sequence, for gt and tracker separately. */
export function indexIds(steps: readonly TrackStep[]): { gt: Map<number, number>; tr: Map<number, number> } {
  const gt = new Map<number, number>();
  const tr = new Map<number, number>();
  for (const s of steps) {
    for (const id of s.gtIds) if (!gt.has(id)) gt.set(id, gt.size);
    for (const id of s.trIds) if (!tr.has(id)) tr.set(id, tr.size);
  }
  return { gt, tr };
}
