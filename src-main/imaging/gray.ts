// Grayscale working image for optical flow (the tracker's; the decode worker may build it too): packed RGB
// downscaled by an integer factor with a box filter (area average, so no aliasing), luma = (77 R + 150 G + 29 B) / 256
// (BT.601 weights). Values 0..255 as float.
export interface GrayImage {
  width: number;
  height: number;
  /** Row-major, width*height values. */
  data: Float32Array;
}

/** Integer downscale factor that brings the long side of w×h to at most `maxSide` px (≥1). */
export function grayFactor(w: number, h: number, maxSide: number): number {
  return Math.max(1, Math.ceil(Math.max(w, h) / Math.max(1, maxSide)));
}

/** RGB w×h → gray of size floor(w/f)×floor(h/f), f = grayFactor(w, h, maxSide). */
export function toGray(rgb: Uint8Array, w: number, h: number, maxSide = 320): GrayImage {
  if (rgb.length !== w * h * 3) throw new RangeError(`toGray: ${rgb.length} bytes is not ${w}x${h}x3`);
  const f = grayFactor(w, h, maxSide);
  const gw = Math.max(1, Math.floor(w / f));
  const gh = Math.max(1, Math.floor(h / f));
  const data = new Float32Array(gw * gh);
  const k = 1 / (f * f * 256);
  if (f === 2) {
    // The common case (640×480 → 320×240), unrolled: ~3× faster than the general loop.
    const row = w * 3;
    for (let y = 0; y < gh; y++) {
      let s = 2 * y * row;
      let o = y * gw;
      for (let x = 0; x < gw; x++, s += 6, o++) {
        const t = s + row;
        data[o] =
          (77 * (rgb[s] + rgb[s + 3] + rgb[t] + rgb[t + 3]) +
            150 * (rgb[s + 1] + rgb[s + 4] + rgb[t + 1] + rgb[t + 4]) +
            29 * (rgb[s + 2] + rgb[s + 5] + rgb[t + 2] + rgb[t + 5])) *
          k;
      }
    }
    return { width: gw, height: gh, data };
  }
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let acc = 0;
      for (let j = 0; j < f; j++) {
        let s = ((y * f + j) * w + x * f) * 3;
        for (let i = 0; i < f; i++, s += 3) acc += 77 * rgb[s] + 150 * rgb[s + 1] + 29 * rgb[s + 2];
      }
      data[y * gw + x] = acc * k;
    }
  }
  return { width: gw, height: gh, data };
}

/** Bilinear sample at (x, y) in pixel units (pixel centres at integers), coordinates clamped to the image. */
export function sample(img: GrayImage, x: number, y: number): number {
  const { width: w, height: h, data } = img;
  const cx = x < 0 ? 0 : x > w - 1 ? w - 1 : x;
  const cy = y < 0 ? 0 : y > h - 1 ? h - 1 : y;
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = x0 + 1 < w ? x0 + 1 : x0;
  const y1 = y0 + 1 < h ? y0 + 1 : y0;
  const ax = cx - x0;
  const ay = cy - y0;
  const r0 = y0 * w;
  const r1 = y1 * w;
  const top = data[r0 + x0] + (data[r0 + x1] - data[r0 + x0]) * ax;
  const bot = data[r1 + x0] + (data[r1 + x1] - data[r1 + x0]) * ax;
  return top + (bot - top) * ay;
}
