// Small image helpers on packed RGB bytes. resizeRgb is hand-written on purpose: a bilinear resize is ~30
// lines, and the image libraries that do it (sharp, canvas) are native dependencies EdgeLab avoids.
import jpeg from 'jpeg-js';

/** Bilinear resize of packed RGB (sw×sh) to dw×dh, pixel-centre aligned (like OpenCV INTER_LINEAR). */
export function resizeRgb(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array {
  if (src.length !== sw * sh * 3) throw new RangeError(`resizeRgb: ${src.length} bytes is not ${sw}x${sh}x3`);
  const dst = new Uint8Array(dw * dh * 3);
  if (sw === dw && sh === dh) {
    dst.set(src);
    return dst;
  }
  const fx = sw / dw;
  const fy = sh / dh;
  // Horizontal taps per output column: left/right source offsets (×3) and the right neighbour's weight a (rounded
  // to float32, as it always was) with 1 − a beside it, so the inner loop only loads and multiplies.
  const x0 = new Int32Array(dw);
  const x1 = new Int32Array(dw);
  const ax = new Float64Array(dw);
  const bx = new Float64Array(dw);
  for (let x = 0; x < dw; x++) {
    const sx = Math.min(sw - 1, Math.max(0, (x + 0.5) * fx - 0.5));
    const i = Math.floor(sx);
    x0[x] = i * 3;
    x1[x] = Math.min(sw - 1, i + 1) * 3;
    ax[x] = Math.fround(sx - i);
    bx[x] = 1 - ax[x];
  }
  // Per pixel and channel: (top·(1−ay) + bottom·ay) + 0.5, truncated by the Uint8Array store (round half up).
  for (let y = 0; y < dh; y++) {
    const sy = Math.min(sh - 1, Math.max(0, (y + 0.5) * fy - 0.5));
    const j = Math.floor(sy);
    const ay = sy - j;
    const by = 1 - ay;
    const r0 = j * sw * 3;
    const r1 = Math.min(sh - 1, j + 1) * sw * 3;
    let o = y * dw * 3;
    for (let x = 0; x < dw; x++, o += 3) {
      const a = ax[x];
      const b = bx[x];
      const p = r0 + x0[x];
      const q = r0 + x1[x];
      const u = r1 + x0[x];
      const v = r1 + x1[x];
      dst[o] = ((src[p] * b + src[q] * a) * by + (src[u] * b + src[v] * a) * ay + 0.5) | 0;
      dst[o + 1] = ((src[p + 1] * b + src[q + 1] * a) * by + (src[u + 1] * b + src[v + 1] * a) * ay + 0.5) | 0;
      dst[o + 2] = ((src[p + 2] * b + src[q + 2] * a) * by + (src[u + 2] * b + src[v + 2] * a) * ay + 0.5) | 0;
    }
  }
  return dst;
}

/** Size with the long side equal to `longSide` (aspect kept, at least 1 px). */
export function fitLongSide(w: number, h: number, longSide: number): { width: number; height: number } {
  const s = longSide / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

/** JPEG bytes of packed RGB (quality 1..100) via jpeg-js, which wants RGBA. */
export function encodeJpeg(rgb: Uint8Array, width: number, height: number, quality = 80): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
  const out = jpeg.encode({ data: rgba, width, height }, quality);
  return new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
}
