// Crop of a tracked box from a packed RGB frame: the box (normalised x1,y1,x2,y2) grown by `margin` of its size
// on each side, rounded out to whole pixels and clamped to the frame. Returns null for a box under 2×2 px.
import type { Box } from '../../src-shared/formats/run';

export interface RgbImage {
  rgb: Uint8Array;
  width: number;
  height: number;
}

export function cropRgb(frame: RgbImage, box: Box, margin = 0.1): (RgbImage & { x: number; y: number }) | null {
  const { width: W, height: H, rgb } = frame;
  const mw = (box[2] - box[0]) * margin;
  const mh = (box[3] - box[1]) * margin;
  const x0 = Math.max(0, Math.floor((box[0] - mw) * W));
  const y0 = Math.max(0, Math.floor((box[1] - mh) * H));
  const x1 = Math.min(W, Math.ceil((box[2] + mw) * W));
  const y1 = Math.min(H, Math.ceil((box[3] + mh) * H));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 2 || h < 2) return null;
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) out.set(rgb.subarray(((y0 + y) * W + x0) * 3, ((y0 + y) * W + x1) * 3), y * w * 3);
  return { rgb: out, width: w, height: h, x: x0, y: y0 };
}
