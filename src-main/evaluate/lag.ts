// Lag of the variant's boxes behind the reference's: the frame shift that best aligns the two box-centre
// trajectories once each object's constant offset is removed. Removing the offset is what tells a delay from a
// systematic box offset or scale (a quantized detector drawing every box 10 px higher, or 30 % shorter): an
// offset shifts the whole trajectory and no time shift explains it, a delay repeats the reference's motion
// k frames later. Mean IoU over shifts cannot tell them apart — with an offset box the IoU curve is flat and
// a shift wins by noise (the uint8 SSD variant on cup.mp4 read "7 frames late" that way).
import type { Correspondence } from './correspond';
import type { ObjBox, Sequence } from './sequence';

/** Largest frame shift searched, frames each way. */
export const MAX_LAG_FRAMES = 10;
/** A non-zero shift must remove at least this fraction of the unshifted residual… */
export const LAG_MIN_REL_GAIN = 0.25;
/** …and at least this much of it in absolute terms, (box sizes)²: 0.02² — removing sub-2 % wobble is not lag. */
export const LAG_MIN_ABS_GAIN = 0.02 ** 2;

/** One reference object and its major variant track, as centre trajectories. */
export interface LagTrack {
  /** Reference centres by frame, pixels. */
  ref: Map<number, [number, number]>;
  /** Variant (major track) centres by frame, pixels. */
  var: Map<number, [number, number]>;
  /** Mean reference box size √(w·h), pixels. */
  size: number;
}

function centres(seq: Sequence, id: number): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  seq.frames.forEach((f, i) => {
    const b = f.find((x) => x.id === id);
    if (b) out.set(i, [((b.box[0] + b.box[2]) / 2) * seq.width, ((b.box[1] + b.box[3]) / 2) * seq.height]);
  });
  return out;
}

function tracks(ref: Sequence, variant: Sequence, corr: Correspondence): LagTrack[] {
  const out: LagTrack[] = [];
  for (const [g, v] of corr.major) {
    const boxes: ObjBox[] = ref.frames.flatMap((f) => f.filter((b) => b.id === g));
    const size = boxes.reduce((s, b) => s + Math.sqrt((b.box[2] - b.box[0]) * ref.width * (b.box[3] - b.box[1]) * ref.height), 0) / boxes.length;
    if (size > 0) out.push({ ref: centres(ref, g), var: centres(variant, v), size });
  }
  return out;
}

/**
 * Residual of the alignment at shift k (variant frame t + k against reference frame t): for each object, the
 * centre differences over its paired frames in box sizes, minus their mean (the object's constant offset);
 * the mean squared remainder over all pairs, and the pair count.
 */
export function lagResidual(ts: readonly LagTrack[], k: number): { residual: number; pairs: number } {
  let sum = 0;
  let n = 0;
  for (const t of ts) {
    const d: [number, number][] = [];
    for (const [i, c] of t.ref) {
      const v = t.var.get(i + k);
      if (v) d.push([(v[0] - c[0]) / t.size, (v[1] - c[1]) / t.size]);
    }
    if (d.length === 0) continue;
    const mx = d.reduce((s, x) => s + x[0], 0) / d.length;
    const my = d.reduce((s, x) => s + x[1], 0) / d.length;
    for (const [x, y] of d) sum += (x - mx) ** 2 + (y - my) ** 2;
    n += d.length;
  }
  return { residual: n ? sum / n : 0, pairs: n };
}

/**
 * Shift k in [−MAX_LAG_FRAMES, MAX_LAG_FRAMES] (positive: the variant trails) with the smallest offset-free
 * residual, each reference object against its major variant track. A non-zero shift must pair at least half as
 * many boxes as k = 0 and beat k = 0's residual by LAG_MIN_REL_GAIN and LAG_MIN_ABS_GAIN; otherwise 0 (also when
 * no object has a variant track).
 */
export function lagFrames(ref: Sequence, variant: Sequence, corr: Correspondence): number {
  const ts = tracks(ref, variant, corr);
  const r0 = lagResidual(ts, 0);
  if (r0.pairs === 0) return 0;
  let bestK = 0;
  let best = r0.residual;
  for (let a = 1; a <= MAX_LAG_FRAMES; a++) {
    for (const k of [a, -a]) {
      const r = lagResidual(ts, k);
      if (r.pairs < r0.pairs / 2) continue;
      const gain = r0.residual - r.residual;
      if (r.residual < best && gain >= LAG_MIN_ABS_GAIN && gain >= LAG_MIN_REL_GAIN * r0.residual) [best, bestK] = [r.residual, k];
    }
  }
  return bestK;
}
