// Pure box geometry on normalised x1,y1,x2,y2 boxes (see formats/run.ts `Box`).
import type { Box } from '../formats/run';

export function area(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

/** Intersection over union in [0,1]; 0 when either box is empty. */
export function iou(a: Box, b: Box): number {
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const u = area(a) + area(b) - inter;
  return u > 0 ? inter / u : 0;
}

export function clampBox(b: Box): Box {
  const c = (v: number) => Math.min(1, Math.max(0, v));
  const x1 = c(Math.min(b[0], b[2]));
  const x2 = c(Math.max(b[0], b[2]));
  const y1 = c(Math.min(b[1], b[3]));
  const y2 = c(Math.max(b[1], b[3]));
  return [x1, y1, x2, y2];
}
