// Pyramidal Lucas–Kanade sparse optical flow (Bouguet's formulation): for each point, coarse-to-fine, the
// displacement d minimising Σ_window (I(x) − J(x + d))² by Gauss–Newton steps on the prev image's gradient
// matrix G. Written by hand: the maths is ~80 lines and the libraries that have it (OpenCV) are native
// dependencies EdgeLab avoids. Coordinates are level-0 pixels of the pyramids, pixel centres at integers.
// A level-l pixel p_l maps to level 0 as p_0 = p_l · 2^l (the 2×2 box pyramid halves about the origin;
// the half-pixel offset this ignores is the same for both images, so it cancels in d).
import { sample, type GrayImage } from './gray';
import type { Pyramid } from './pyramid';

export interface LkOptions {
  /** Half window size, pixels (window = (2r+1)²). Default 4. */
  radius?: number;
  /** Gauss–Newton iterations per level. Default 20. */
  iterations?: number;
  /** Stop when a step is shorter than this, pixels. Default 0.01. */
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

/** Tracks `points` ([x, y, …] level-0 pixels of `prev`) into `next`. Both pyramids must have equal sizes. */
export function trackPoints(prev: Pyramid, next: Pyramid, points: Float32Array, opts: LkOptions = {}): LkResult {
  const r = opts.radius ?? 4;
  const iters = opts.iterations ?? 20;
  const eps = opts.epsilon ?? 0.01;
  const minEig = opts.minEigen ?? 1e-2;
  const top = Math.min(prev.levels.length, next.levels.length) - 1;
  const n = points.length / 2;
  const out = new Float32Array(points.length);
  const status = new Uint8Array(n);
  const side = 2 * r + 1;
  const area = side * side;
  const Iw = new Float32Array(area);
  const Ix = new Float32Array(area);
  const Iy = new Float32Array(area);
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
      // Window of the prev image and its central-difference gradient (fixed over the iterations).
      let gxx = 0;
      let gxy = 0;
      let gyy = 0;
      let i = 0;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++, i++) {
          const x = ux + dx;
          const y = uy + dy;
          Iw[i] = sample(I, x, y);
          const ix = 0.5 * (sample(I, x + 1, y) - sample(I, x - 1, y));
          const iy = 0.5 * (sample(I, x, y + 1) - sample(I, x, y - 1));
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
        let bx = 0;
        let by = 0;
        i = 0;
        for (let dy = -r; dy <= r; dy++) {
          for (let dx = -r; dx <= r; dx++, i++) {
            const diff = Iw[i] - sample(J, ux + gx + vx + dx, uy + gy + vy + dy);
            bx += diff * Ix[i];
            by += diff * Iy[i];
          }
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
