// Global camera motion between two consecutive frames: the video's stand-in for a phone's accelerometer (motion-
// gated detection, pipeline/motion-gate.ts). A grid of points over the WHOLE frame is tracked by the tracker's
// pyramidal Lucas–Kanade with a forward–backward check (propagate.ts), and the motion is the median displacement of
// the surviving points. The median belongs to the background as long as the background covers more than half of
// the grid, so a hand moving a cup in front of a still camera gives ~0 while a pan or a shake gives the pan: what a
// frame difference cannot tell apart (any moving object makes pixels change).
import type { Pyramid } from '../imaging/pyramid';
import { propagateBox } from './propagate';

export interface GlobalMotion {
  /** Median displacement prev → next, as fractions of the frame's long side (resolution-independent). */
  dx: number;
  dy: number;
  /** Enough points (≥3) survived the forward–backward check; when false dx = dy = 0. */
  ok: boolean;
}

/** Grid points per side (grid² points tracked). */
export const GLOBAL_MOTION_GRID = 8;

/** Camera motion from the frame of `prev` to the frame of `next` (same-size pyramids). */
export function globalMotion(prev: Pyramid, next: Pyramid, grid = GLOBAL_MOTION_GRID): GlobalMotion {
  const { width, height } = prev.levels[0];
  const p = propagateBox([0, 0, 1, 1], prev, next, { grid });
  if (!p.ok) return { dx: 0, dy: 0, ok: false };
  const side = Math.max(width, height);
  return { dx: p.dx / side, dy: p.dy / side, ok: true };
}
