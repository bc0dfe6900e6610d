// Box propagation by sparse flow (MediaPipe BoxTracking-like, simplified): a grid of points inside the box is
// tracked prev → next by pyramidal LK, checked back next → prev (forward–backward error), and the box moves
// by the median displacement and scales by the median ratio of pairwise point distances.
import type { Box } from '../../src-shared/formats/run';
import { trackPoints, type LkOptions } from './lucas-kanade';
import type { Pyramid } from '../imaging/pyramid';

export interface PropagateOptions extends LkOptions {
  /** Grid points per side inside the box (grid² points). Default 5. */
  grid?: number;
  /** Forward–backward error above which a point is dropped, level-0 pixels. Default 1. */
  fbMaxPx?: number;
  /** Per-step scale change is clamped to [1/maxScale, maxScale]. Default 1.25. */
  maxScale?: number;
}

export interface Propagation {
  /** Moved box, normalised x1,y1,x2,y2 (not clamped). Equal to the input when `ok` is false. */
  box: Box;
  /** Enough points (≥3) survived to estimate the motion. */
  ok: boolean;
  /** Points that survived / points tried. */
  inliers: number;
  tried: number;
  /** Median displacement, level-0 pixels of the pyramid. */
  dx: number;
  dy: number;
  scale: number;
}

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Moves normalised `box` from the frame of `prev` to the frame of `next` (same-size pyramids). */
export function propagateBox(box: Box, prev: Pyramid, next: Pyramid, opts: PropagateOptions = {}): Propagation {
  const g = Math.max(2, opts.grid ?? 5);
  const fbMax = opts.fbMaxPx ?? 1;
  const maxScale = opts.maxScale ?? 1.25;
  const { width: W, height: H } = prev.levels[0];
  const x1 = box[0] * W;
  const y1 = box[1] * H;
  const bw = (box[2] - box[0]) * W;
  const bh = (box[3] - box[1]) * H;
  const fail: Propagation = { box, ok: false, inliers: 0, tried: g * g, dx: 0, dy: 0, scale: 1 };
  if (!(bw >= 2 && bh >= 2)) return fail;
  // Grid cells' centres, inset so that points sit on the object rather than on its outline.
  const pts = new Float32Array(2 * g * g);
  for (let j = 0, k = 0; j < g; j++) {
    for (let i = 0; i < g; i++, k += 2) {
      pts[k] = x1 + ((i + 0.5) / g) * bw;
      pts[k + 1] = y1 + ((j + 0.5) / g) * bh;
    }
  }
  const fwd = trackPoints(prev, next, pts, opts);
  const back = trackPoints(next, prev, fwd.points, opts);
  const keep: number[] = [];
  for (let k = 0; k < g * g; k++) {
    if (!fwd.status[k] || !back.status[k]) continue;
    const ex = back.points[2 * k] - pts[2 * k];
    const ey = back.points[2 * k + 1] - pts[2 * k + 1];
    if (ex * ex + ey * ey <= fbMax * fbMax) keep.push(k);
  }
  if (keep.length < 3) return { ...fail, inliers: keep.length };
  const dx = median(keep.map((k) => fwd.points[2 * k] - pts[2 * k]));
  const dy = median(keep.map((k) => fwd.points[2 * k + 1] - pts[2 * k + 1]));
  const ratios: number[] = [];
  for (let a = 0; a < keep.length; a++) {
    for (let b = a + 1; b < keep.length; b++) {
      const i = keep[a];
      const j = keep[b];
      const d0 = Math.hypot(pts[2 * i] - pts[2 * j], pts[2 * i + 1] - pts[2 * j + 1]);
      if (d0 < 2) continue;
      ratios.push(Math.hypot(fwd.points[2 * i] - fwd.points[2 * j], fwd.points[2 * i + 1] - fwd.points[2 * j + 1]) / d0);
    }
  }
  const scale = Math.min(maxScale, Math.max(1 / maxScale, ratios.length ? median(ratios) : 1));
  const cx = x1 + bw / 2 + dx;
  const cy = y1 + bh / 2 + dy;
  const hw = (bw * scale) / 2;
  const hh = (bh * scale) / 2;
  return {
    box: [(cx - hw) / W, (cy - hh) / H, (cx + hw) / W, (cy + hh) / H],
    ok: true,
    inliers: keep.length,
    tried: g * g,
    dx,
    dy,
    scale,
  };
}
