// Pyramidal Lucas–Kanade sparse optical flow (Bouguet's formulation): for each point, coarse-to-fine, the
// displacement d minimising Σ_window (I(x) − J(x + d))² by Gauss–Newton steps on the prev image's gradient
// matrix G. Written by hand: the maths is ~80 lines and the libraries that have it (OpenCV) are native
// dependencies EdgeLab avoids. Coordinates are level-0 pixels of the pyramids, pixel centres at integers.
// A level-l pixel p_l maps to level 0 as p_0 = p_l · 2^l (the 2×2 box pyramid halves about the origin;
// the half-pixel offset this ignores is the same for both images, so it cancels in d).
import { sample, type GrayImage } from '../imaging/gray';
import type { Pyramid } from '../imaging/pyramid';

export interface LkOptions {
  /** Half window size, pixels (window = (2r+1)²). Default 4. */
  radius?: number;
  /** Gauss–Newton iterations per level. Default 10. */
  iterations?: number;
  /** Stop when a step is shorter than this, pixels. Default 0.03. */
  epsilon?: number;
  /** Minimum eigenvalue of G / window area below which a point has too little texture. Default 1e-2. */
  minEigen?: number;
}

export interface LkResult {
  /** Tracked positions, [x0, y0, x1, y1, …] level-0 pixels. */
  points: Float32Array;
  /** 1 when the point was tracked (textured, converged inside the image), else 0. */
  status: Uint8Array;
}

/**
 * Bilinear samples of `img` on the (2r+1)² grid (x+dx, y+dy), dx,dy in [−r, r], into `out` (row-major). All grid
 * points share one fractional offset, so the 4 weights are computed once; windows touching the border fall back to
 * the clamped per-pixel sampler.
 */
function sampleWindow(img: GrayImage, x: number, y: number, r: number, out: Float32Array): void {
  const { width: w, height: h, data } = img;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const side = 2 * r + 1;
  if (x0 - r < 0 || y0 - r < 0 || x0 + r + 1 > w - 1 || y0 + r + 1 > h - 1) {
    let i = 0;
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) out[i++] = sample(img, x + dx, y + dy);
    return;
  }
  const ax = x - x0;
  const ay = y - y0;
  const w00 = (1 - ax) * (1 - ay);
  const w01 = ax * (1 - ay);
  const w10 = (1 - ax) * ay;
  const w11 = ax * ay;
  let i = 0;
  for (let j = 0; j < side; j++) {
    let p = (y0 - r + j) * w + (x0 - r);
    for (let k = 0; k < side; k++, p++) out[i++] = w00 * data[p] + w01 * data[p + 1] + w10 * data[p + w] + w11 * data[p + w + 1];
  }
}

/** Tracks `points` ([x, y, …] level-0 pixels of `prev`) into `next`. Both pyramids must have equal sizes. */
export function trackPoints(prev: Pyramid, next: Pyramid, points: Float32Array, opts: LkOptions = {}): LkResult {
  const r = opts.radius ?? 4;
  const iters = opts.iterations ?? 10;
  const eps = opts.epsilon ?? 0.03;
  const minEig = opts.minEigen ?? 1e-2;
  const top = Math.min(prev.levels.length, next.levels.length) - 1;
  const n = points.length / 2;
  const out = new Float32Array(points.length);
  const status = new Uint8Array(n);
  const side = 2 * r + 1;
  const area = side * side;
  const big = side + 2;
  // Template window of the prev image with a 1-px rim (for central differences), its gradient, the next window.
  const T = new Float32Array(big * big);
  const Iw = new Float32Array(area);
  const Ix = new Float32Array(area);
  const Iy = new Float32Array(area);
  const Jw = new Float32Array(area);
  for (let k = 0; k < n; k++) {
    const px = points[2 * k];
    const py = points[2 * k + 1];
    let gx = 0;
    let gy = 0;
    let ok = true;
    for (let l = top; l >= 0 && ok; l--) {
      const I: GrayImage = prev.levels[l];
      const J: GrayImage = next.levels[l];
      const s = 1 / (1 << l);
      const ux = px * s;
      const uy = py * s;
      sampleWindow(I, ux, uy, r + 1, T);
      let gxx = 0;
      let gxy = 0;
      let gyy = 0;
      let i = 0;
      for (let j = 1; j <= side; j++) {
        for (let c = 1; c <= side; c++, i++) {
          const q = j * big + c;
          const ix = 0.5 * (T[q + 1] - T[q - 1]);
          const iy = 0.5 * (T[q + big] - T[q - big]);
          Iw[i] = T[q];
          Ix[i] = ix;
          Iy[i] = iy;
          gxx += ix * ix;
          gxy += ix * iy;
          gyy += iy * iy;
        }
      }
      const det = gxx * gyy - gxy * gxy;
      const tr = gxx + gyy;
      const lamMin = 0.5 * (tr - Math.sqrt(Math.max(0, tr * tr - 4 * det)));
      if (lamMin / area < minEig || det <= 0) {
        ok = false;
        break;
      }
      let vx = 0;
      let vy = 0;
      for (let it = 0; it < iters; it++) {
        sampleWindow(J, ux + gx + vx, uy + gy + vy, r, Jw);
        let bx = 0;
        let by = 0;
        for (i = 0; i < area; i++) {
          const diff = Iw[i] - Jw[i];
          bx += diff * Ix[i];
          by += diff * Iy[i];
        }
        const sx = (gyy * bx - gxy * by) / det;
        const sy = (gxx * by - gxy * bx) / det;
        vx += sx;
        vy += sy;
        if (sx * sx + sy * sy < eps * eps) break;
      }
      if (l > 0) {
        gx = 2 * (gx + vx);
        gy = 2 * (gy + vy);
      } else {
        gx += vx;
        gy += vy;
      }
    }
    const qx = px + gx;
    const qy = py + gy;
    const b = next.levels[0];
    if (ok && Number.isFinite(qx) && Number.isFinite(qy) && qx >= 0 && qy >= 0 && qx <= b.width - 1 && qy <= b.height - 1) status[k] = 1;
    out[2 * k] = qx;
    out[2 * k + 1] = qy;
  }
  return { points: out, status };
}
