// Which variant box shows which reference object, frame by frame: greedy same-class matching at IoU ≥ 0.5
// (src-shared/metrics/match), and the variant track each reference object is shown by most often.
import { matchFrame, type MatchBox } from '../../src-shared/metrics/match';
import type { ObjBox, Sequence } from './sequence';

const asMatch = (b: ObjBox): MatchBox => ({ box: b.box, score: b.score, classId: 0, label: b.cls });

/** pairs[i]: reference object id → variant box on frame i; unmatched reference ids are absent. */
export interface Correspondence {
  pairs: Map<number, ObjBox>[];
  /** Reference id → the variant track id matched to it on most frames (ties: the first seen). */
  major: Map<number, number>;
}

export function correspond(ref: Sequence, variant: Sequence, iouThreshold = 0.5): Correspondence {
  const counts = new Map<number, Map<number, number>>();
  const pairs = variant.frames.map((det, i) => {
    const gt = ref.frames[i] ?? [];
    const m = matchFrame(gt.map(asMatch), det.map(asMatch), iouThreshold);
    const out = new Map<number, ObjBox>();
    for (const p of m.pairs) {
      const g = gt[p.baseline].id;
      const v = det[p.variant];
      out.set(g, v);
      const c = counts.get(g) ?? new Map<number, number>();
      c.set(v.id, (c.get(v.id) ?? 0) + 1);
      counts.set(g, c);
    }
    return out;
  });
  const major = new Map<number, number>();
  for (const [g, c] of counts) {
    let best = -1;
    let bestN = 0;
    for (const [v, n] of c) if (n > bestN) [best, bestN] = [v, n];
    major.set(g, best);
  }
  return { pairs, major };
}

/** Object id → ascending frame indices where it is shown. */
export function presence(seq: Sequence): Map<number, number[]> {
  const out = new Map<number, number[]>();
  seq.frames.forEach((f, i) => {
    for (const b of f) {
      const l = out.get(b.id) ?? [];
      if (l[l.length - 1] !== i) l.push(i);
      out.set(b.id, l);
    }
  });
  return out;
}
