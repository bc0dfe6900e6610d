// CLEAR-MOT (Bernardin & Stiefelhagen 2008) exactly as TrackEval's metrics/clear.py computes it: per timestep
// a maximum-score assignment where pairs below the similarity threshold are forbidden and pairs that continue
// the previous timestep's match get a +1000 bonus; an id switch is a gt matched to a tracker id other than the
// one it was last matched to (at any earlier step); a fragmentation is every restart of a gt's tracking after
// its first. Timesteps with no gt or no tracker boxes leave the previous-step matches untouched (as clear.py).
import { hungarian } from './hungarian';
import { EPS, indexIds, type TrackStep } from './track-data';

export interface ClearMot {
  /** (TP − FP − IDSW) / max(1, gt boxes); ≤ 1, may be negative. */
  mota: number;
  /** Mean similarity (IoU) of matched pairs; 0 with none. */
  motp: number;
  tp: number;
  fp: number;
  fn: number;
  idSwitches: number;
  fragmentations: number;
  /** Ground-truth tracks matched ≥ 80 % / < 20 % of their life. */
  mostlyTracked: number;
  mostlyLost: number;
}

export function clearMot(steps: readonly TrackStep[], threshold = 0.5): ClearMot {
  const { gt: gIdx } = indexIds(steps);
  const nG = gIdx.size;
  const prevTracker = new Float64Array(nG).fill(NaN); // last tracker id each gt was matched to
  const prevStep = new Float64Array(nG).fill(NaN); // tracker id matched at the previous (non-skipped) timestep
  const idCount = new Float64Array(nG);
  const matchedCount = new Float64Array(nG);
  const fragCount = new Float64Array(nG);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let idsw = 0;
  let motpSum = 0;
  for (const s of steps) {
    for (const g of s.gtIds) idCount[gIdx.get(g)!]++;
    if (s.gtIds.length === 0) {
      fp += s.trIds.length;
      continue;
    }
    if (s.trIds.length === 0) {
      fn += s.gtIds.length;
      continue;
    }
    const rows = s.gtIds.map((g) => gIdx.get(g)!);
    const score = s.sim.map((row, g) =>
      row.map((v, t) => (v < threshold - EPS ? 0 : (prevStep[rows[g]] === s.trIds[t] ? 1000 : 0) + v)),
    );
    const col = hungarian(score.map((r) => r.map((v) => -v)));
    const matchedG: number[] = [];
    const matchedT: number[] = [];
    col.forEach((t, g) => {
      if (t >= 0 && score[g][t] > EPS) {
        matchedG.push(g);
        matchedT.push(t);
      }
    });
    for (let k = 0; k < matchedG.length; k++) {
      const gi = rows[matchedG[k]];
      const tid = s.trIds[matchedT[k]];
      if (!Number.isNaN(prevTracker[gi]) && prevTracker[gi] !== tid) idsw++;
      motpSum += s.sim[matchedG[k]][matchedT[k]];
      matchedCount[gi]++;
    }
    const notPrev = prevStep.map((v) => (Number.isNaN(v) ? 1 : 0));
    prevStep.fill(NaN);
    for (let k = 0; k < matchedG.length; k++) {
      const gi = rows[matchedG[k]];
      prevTracker[gi] = s.trIds[matchedT[k]];
      prevStep[gi] = s.trIds[matchedT[k]];
    }
    for (let gi = 0; gi < nG; gi++) if (notPrev[gi] && !Number.isNaN(prevStep[gi])) fragCount[gi]++;
    tp += matchedG.length;
    fn += s.gtIds.length - matchedG.length;
    fp += s.trIds.length - matchedG.length;
  }
  let mt = 0;
  let ml = 0;
  let frag = 0;
  for (let gi = 0; gi < nG; gi++) {
    if (fragCount[gi] > 0) frag += fragCount[gi] - 1;
    if (idCount[gi] === 0) continue;
    const r = matchedCount[gi] / idCount[gi];
    if (r > 0.8) mt++;
    else if (r < 0.2) ml++;
  }
  return {
    mota: (tp - fp - idsw) / Math.max(1, tp + fn),
    motp: motpSum / Math.max(1, tp),
    tp,
    fp,
    fn,
    idSwitches: idsw,
    fragmentations: frag,
    mostlyTracked: mt,
    mostlyLost: ml,
  };
}
