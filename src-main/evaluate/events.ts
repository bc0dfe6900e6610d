// The frames where a user would see the variant differ from the reference, for the UI to jump to: the start of
// each stretch where a reference object is missed (or only drifted: a same-class variant box with 0.1 ≤ IoU <
// 0.5), each flicker of a variant track, each change of the variant track showing a reference object, and the
// start of each stretch where a variant box shows nothing of the reference (an extra, ghost box).
import { iou } from '../../src-shared/geometry/box';
import type { CompareEvent } from '../../src-shared/types/degradation';
import type { Correspondence } from './correspond';
import { flickers } from './experience';
import type { Sequence } from './sequence';

/** IoU from which an unmatched same-class box counts as the object drifted rather than missed. */
export const DRIFT_IOU = 0.1;

export function compareEvents(ref: Sequence, variant: Sequence, corr: Correspondence): CompareEvent[] {
  const ev: CompareEvent[] = [];
  const t = (i: number) => variant.ptsMs[i] ?? 0;
  const state = new Map<number, 'ok' | 'missed' | 'drift'>();
  const lastTrack = new Map<number, number>();
  let extra = new Set<number>(); // variant ids shown as ghosts on the previous frame
  let nowExtra = new Set<number>();
  variant.frames.forEach((det, i) => {
    for (const g of ref.frames[i] ?? []) {
      const m = corr.pairs[i].get(g.id);
      if (m) {
        const prev = lastTrack.get(g.id);
        if (prev !== undefined && prev !== m.id && m.id >= 0) {
          ev.push({ frame: i, timeMs: t(i), kind: 'id-switch', objectId: g.id, trackId: m.id, detail: `track ${prev} → ${m.id}` });
        }
        lastTrack.set(g.id, m.id);
        state.set(g.id, 'ok');
        continue;
      }
      let best = 0;
      let bestId: number | null = null;
      for (const d of det) {
        if (d.cls !== g.cls) continue;
        const o = iou(g.box, d.box);
        if (o > best) [best, bestId] = [o, d.id];
      }
      const s = best >= DRIFT_IOU ? 'drift' : 'missed';
      if (state.get(g.id) !== s) {
        ev.push(
          s === 'drift'
            ? { frame: i, timeMs: t(i), kind: 'drift', objectId: g.id, trackId: bestId, detail: `${g.cls}: IoU ${best.toFixed(2)}` }
            : { frame: i, timeMs: t(i), kind: 'missed', objectId: g.id, trackId: null, detail: `${g.cls} not boxed` },
        );
      }
      state.set(g.id, s);
    }
    for (const id of state.keys()) if (!(ref.frames[i] ?? []).some((g) => g.id === id)) state.delete(id);
    const shown = new Set([...corr.pairs[i].values()]);
    for (const d of det) {
      const ghost = !shown.has(d) && !(ref.frames[i] ?? []).some((g) => g.cls === d.cls && iou(g.box, d.box) >= DRIFT_IOU);
      if (ghost && !extra.has(d.id)) ev.push({ frame: i, timeMs: t(i), kind: 'extra', objectId: null, trackId: d.id, detail: `${d.cls} boxed where the reference has none` });
      if (ghost) nowExtra.add(d.id);
    }
    extra = nowExtra;
    nowExtra = new Set<number>();
  });
  for (const f of flickers(variant).at) {
    ev.push({ frame: f.frame, timeMs: t(f.frame), kind: 'flicker', objectId: null, trackId: f.id, detail: `track ${f.id} disappears` });
  }
  return ev.sort((a, b) => a.frame - b.frame || a.kind.localeCompare(b.kind));
}
