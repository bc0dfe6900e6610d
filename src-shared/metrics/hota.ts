// HOTA (Luiten et al. 2021) as TrackEval's metrics/hota.py computes it. A global alignment score per gt/tracker
// id pair (Σ over timesteps of the pair's IoU-normalised similarity, over |gt| + |tr| − that) weights each
// timestep's one-to-one matching (max Σ alignment·similarity); then for every α in 0.05..0.95 the matched pairs
// with similarity ≥ α count as TP. DetA = TP/(TP+FN+FP), AssA = mean over TP of the matched pair's
// association Jaccard, HOTA_α = √(DetA·AssA); the reported values are means over the 19 α.
import { hungarian } from './hungarian';
import { EPS, indexIds, type TrackStep } from './track-data';

/** α thresholds 0.05, 0.10, …, 0.95 (np.arange(0.05, 0.99, 0.05): start + i·step, same rounding). */
export const HOTA_ALPHAS: readonly number[] = Array.from({ length: 19 }, (_, i) => 0.05 + i * 0.05);

/** The HOTA family of scores, each in [0, 1]. */
export interface HotaScores {
  hota: number;
  detA: number;
  assA: number;
  detRe: number;
  detPr: number;
  assRe: number;
  assPr: number;
  locA: number;
}

/** HotaScores as means over α. */
export interface Hota extends HotaScores {
  /** Per α (same order as HOTA_ALPHAS); tp/fn/fp are box counts (TrackEval HOTA_TP/FN/FP), kept for combining classes. */
  perAlpha: HotaAlpha[];
}

export interface HotaAlpha extends HotaScores {
  alpha: number;
  tp: number;
  fn: number;
  fp: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function hota(steps: readonly TrackStep[]): Hota {
  const { gt, tr } = indexIds(steps);
  const nG = gt.size;
  const nT = tr.size;
  const A = HOTA_ALPHAS.length;
  const gtCount = new Float64Array(nG);
  const trCount = new Float64Array(nT);
  const potential = Array.from({ length: nG }, () => new Float64Array(nT));
  let gtBoxes = 0;
  let trBoxes = 0;
  for (const s of steps) {
    gtBoxes += s.gtIds.length;
    trBoxes += s.trIds.length;
    const rowSum = s.sim.map((r) => r.reduce((a, b) => a + b, 0));
    const colSum = s.trIds.map((_, t) => s.sim.reduce((a, r) => a + r[t], 0));
    s.sim.forEach((row, g) =>
      row.forEach((v, t) => {
        const denom = rowSum[g] + colSum[t] - v;
        potential[gt.get(s.gtIds[g])!][tr.get(s.trIds[t])!] += denom > EPS ? v / denom : 0;
      }),
    );
    for (const g of s.gtIds) gtCount[gt.get(g)!]++;
    for (const t of s.trIds) trCount[tr.get(t)!]++;
  }
  // Degenerate sequences, as hota.py: nothing tracked → all FN; no ground truth → all FP; LocA = 1.
  if (trBoxes === 0 || gtBoxes === 0) {
    const perAlpha = HOTA_ALPHAS.map((alpha) => ({ alpha, hota: 0, detA: 0, assA: 0, detRe: 0, detPr: 0, assRe: 0, assPr: 0, locA: 1, tp: 0, fn: gtBoxes, fp: trBoxes }));
    return { hota: 0, detA: 0, assA: 0, detRe: 0, detPr: 0, assRe: 0, assPr: 0, locA: 1, perAlpha };
  }
  const align = potential.map((row, g) => row.map((p, t) => p / (gtCount[g] + trCount[t] - p)));
  const tp = new Float64Array(A);
  const fn = new Float64Array(A);
  const fp = new Float64Array(A);
  const loc = new Float64Array(A);
  const matches = Array.from({ length: A }, () => Array.from({ length: nG }, () => new Float64Array(nT)));
  for (const s of steps) {
    if (s.gtIds.length === 0) {
      for (let a = 0; a < A; a++) fp[a] += s.trIds.length;
      continue;
    }
    if (s.trIds.length === 0) {
      for (let a = 0; a < A; a++) fn[a] += s.gtIds.length;
      continue;
    }
    const gi = s.gtIds.map((g) => gt.get(g)!);
    const ti = s.trIds.map((t) => tr.get(t)!);
    const col = hungarian(s.sim.map((row, g) => row.map((v, t) => -align[gi[g]][ti[t]] * v)));
    for (let a = 0; a < A; a++) {
      let n = 0;
      col.forEach((t, g) => {
        if (t < 0) return;
        const v = s.sim[g][t];
        if (v < HOTA_ALPHAS[a] - EPS) return;
        n++;
        loc[a] += v;
        matches[a][gi[g]][ti[t]]++;
      });
      tp[a] += n;
      fn[a] += s.gtIds.length - n;
      fp[a] += s.trIds.length - n;
    }
  }
  const perAlpha: Hota['perAlpha'] = [];
  const assRe: number[] = [];
  const assPr: number[] = [];
  const detRe: number[] = [];
  const detPr: number[] = [];
  const locA: number[] = [];
  for (let a = 0; a < A; a++) {
    let assA = 0;
    let re = 0;
    let pr = 0;
    for (let g = 0; g < nG; g++)
      for (let t = 0; t < nT; t++) {
        const m = matches[a][g][t];
        if (m === 0) continue;
        assA += m * (m / Math.max(1, gtCount[g] + trCount[t] - m));
        re += m * (m / Math.max(1, gtCount[g]));
        pr += m * (m / Math.max(1, trCount[t]));
      }
    const denom = Math.max(1, tp[a]);
    const detA = tp[a] / Math.max(1, tp[a] + fn[a] + fp[a]);
    assRe.push(re / denom);
    assPr.push(pr / denom);
    detRe.push(tp[a] / Math.max(1, tp[a] + fn[a]));
    detPr.push(tp[a] / Math.max(1, tp[a] + fp[a]));
    locA.push(Math.max(1e-10, loc[a]) / Math.max(1e-10, tp[a]));
    perAlpha.push({
      alpha: HOTA_ALPHAS[a],
      detA,
      assA: assA / denom,
      hota: Math.sqrt(detA * (assA / denom)),
      detRe: detRe[a],
      detPr: detPr[a],
      assRe: assRe[a],
      assPr: assPr[a],
      locA: locA[a],
      tp: tp[a],
      fn: fn[a],
      fp: fp[a],
    });
  }
  return {
    hota: mean(perAlpha.map((p) => p.hota)),
    detA: mean(perAlpha.map((p) => p.detA)),
    assA: mean(perAlpha.map((p) => p.assA)),
    detRe: mean(detRe),
    detPr: mean(detPr),
    assRe: mean(assRe),
    assPr: mean(assPr),
    locA: mean(locA),
    perAlpha,
  };
}
