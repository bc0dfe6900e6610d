// Experience family: what a user watching the variant sees differently — boxes flickering, shaking, arriving
// late, trailing the object (lag.ts), changing label.
import type { ExperienceScores } from '../../src-shared/types/degradation';
import { correspond, presence, type Correspondence } from './correspond';
import { lagFrames } from './lag';
import { durationMs, type ObjBox, type Sequence } from './sequence';

/** Gaps inside tracks: a box disappearing and later reappearing with the same id. */
export function flickers(seq: Sequence): { count: number; at: { frame: number; id: number }[] } {
  const at: { frame: number; id: number }[] = [];
  for (const [id, frames] of presence(seq)) {
    if (id < 0) continue; // untracked boxes have no identity to flicker
    for (let k = 1; k < frames.length; k++) if (frames[k] > frames[k - 1] + 1) at.push({ frame: frames[k - 1] + 1, id });
  }
  at.sort((a, b) => a.frame - b.frame || a.id - b.id);
  return { count: at.length, at };
}

export function flickerPerMin(seq: Sequence): number {
  const min = durationMs(seq) / 60_000;
  return min > 0 ? flickers(seq).count / min : 0;
}

/**
 * RMS over every track and every three consecutive frames of |c(t+1) − 2c(t) + c(t−1)| / √(w·h), centre c and
 * size in pixels: high-frequency shake relative to the box, 0 for boxes at rest or moving at constant speed.
 */
export function jitterRms(seq: Sequence): number {
  const byId = new Map<number, Map<number, ObjBox>>();
  seq.frames.forEach((f, i) => {
    for (const b of f) {
      if (b.id < 0) continue;
      const m = byId.get(b.id) ?? new Map<number, ObjBox>();
      m.set(i, b);
      byId.set(b.id, m);
    }
  });
  const { width: W, height: H } = seq;
  const c = (b: ObjBox) => [((b.box[0] + b.box[2]) / 2) * W, ((b.box[1] + b.box[3]) / 2) * H];
  let sum = 0;
  let n = 0;
  for (const m of byId.values()) {
    for (const [i, b] of m) {
      const p = m.get(i - 1);
      const q = m.get(i + 1);
      if (!p || !q) continue;
      const size = Math.sqrt((b.box[2] - b.box[0]) * W * (b.box[3] - b.box[1]) * H);
      if (!(size > 0)) continue;
      const [px, py] = c(p);
      const [bx, by] = c(b);
      const [qx, qy] = c(q);
      const a = Math.hypot(qx - 2 * bx + px, qy - 2 * by + py) / size;
      sum += a * a;
      n++;
    }
  }
  return n ? Math.sqrt(sum / n) : 0;
}

/** Mean delay (ms) from each reference object's first frame to the first frame the variant boxes it. */
export function timeToFirstBox(ref: Sequence, variant: Sequence, corr: Correspondence): { meanMs: number; neverFound: number } {
  let sum = 0;
  let found = 0;
  let never = 0;
  for (const [id, frames] of presence(ref)) {
    const f0 = frames[0];
    if (f0 >= variant.frames.length) continue;
    const hit = frames.find((f) => corr.pairs[f]?.has(id));
    if (hit === undefined) {
      never++;
      continue;
    }
    sum += variant.ptsMs[hit] - variant.ptsMs[f0];
    found++;
  }
  return { meanMs: found ? sum / found : 0, neverFound: never };
}

/** Label changes along each variant track (the same id shown with another class). */
export function labelFlips(seq: Sequence): number {
  const last = new Map<number, string>();
  let flips = 0;
  for (const f of seq.frames)
    for (const b of f) {
      if (b.id < 0) continue;
      const l = last.get(b.id);
      if (l !== undefined && l !== b.cls) flips++;
      last.set(b.id, b.cls);
    }
  return flips;
}

/** `ref`: what the variant is scored against (labels or baseline); jitter and flicker compare with `baseline`. */
export function experienceScores(ref: Sequence, baseline: Sequence, variant: Sequence, corr = correspond(ref, variant)): ExperienceScores {
  const t = timeToFirstBox(ref, variant, corr);
  return {
    flickerPerMin: flickerPerMin(variant),
    baselineFlickerPerMin: flickerPerMin(baseline),
    jitter: jitterRms(variant) - jitterRms(baseline),
    timeToFirstBoxMs: t.meanMs,
    neverFound: t.neverFound,
    lagFrames: lagFrames(ref, variant, corr),
    labelFlips: labelFlips(variant),
  };
}
