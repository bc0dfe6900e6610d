// Persistence after loss: a tracked box that disappears stays drawn (at its last place) for persistMs, so that a
// one-frame miss does not blink the overlay. Untracked boxes are never held (no identity to follow).
import type { Detection } from '../formats/run';

export interface Held<D> {
  detection: D;
  held: boolean;
}

/**
 * frames[i] are the boxes seen at ptsMs[i]. Returns, per frame, those boxes (held=false) plus the last box of each
 * track seen within the previous persistMs but not on this frame (held=true).
 */
export function persistBoxes<D extends Detection>(frames: readonly (readonly D[])[], ptsMs: readonly number[], persistMs: number): Held<D>[][] {
  const last = new Map<number, { det: D; t: number }>();
  return frames.map((dets, i) => {
    const t = ptsMs[i]!;
    const out: Held<D>[] = dets.map((d) => ({ detection: d, held: false }));
    const here = new Set<number>();
    for (const d of dets) if (d.trackId !== undefined) here.add(d.trackId);
    for (const [id, v] of last) {
      if (here.has(id)) continue;
      if (t - v.t <= persistMs && persistMs > 0) out.push({ detection: v.det, held: true });
      else last.delete(id);
    }
    for (const d of dets) if (d.trackId !== undefined) last.set(d.trackId, { det: d, t });
    return out;
  });
}
