// Image pyramid for coarse-to-fine optical flow: level 0 is the gray image, level l+1 halves level l with a
// 2×2 box average (size floor(w/2)×floor(h/2)). Levels stop before a side would drop under `minSide` px.
import type { GrayImage } from './gray';

export interface Pyramid {
  /** levels[0] = full resolution; levels[l] is 2^l times smaller. */
  levels: GrayImage[];
}

export function buildPyramid(base: GrayImage, maxLevels = 3, minSide = 16): Pyramid {
  const levels = [base];
  while (levels.length < maxLevels) {
    const p = levels[levels.length - 1];
    const w = Math.floor(p.width / 2);
    const h = Math.floor(p.height / 2);
    if (w < minSide || h < minSide) break;
    const d = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      const r0 = 2 * y * p.width;
      const r1 = r0 + p.width;
      for (let x = 0; x < w; x++) {
        const i = 2 * x;
        d[y * w + x] = 0.25 * (p.data[r0 + i] + p.data[r0 + i + 1] + p.data[r1 + i] + p.data[r1 + i + 1]);
      }
    }
    levels.push({ width: w, height: h, data: d });
  }
  return { levels };
}
