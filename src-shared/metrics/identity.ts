// Identity metrics (Ristani et al. 2016: IDF1, IDP, IDR) as TrackEval's metrics/identity.py computes them: a
// gt/tracker id pair scores one for every timestep where their similarity ≥ threshold; one global one-to-one
// assignment of ids maximises the summed score (IDTP) — equivalent to identity.py's min IDFN+IDFP matrix,
// since IDFN + IDFP = gtBoxes + trackerBoxes − 2·IDTP.
import { hungarian } from './hungarian';
import { indexIds, type TrackStep } from './track-data';

export interface Identity {
  idf1: number;
  idp: number;
  idr: number;
  idtp: number;
  idfp: number;
  idfn: number;
}

export function identity(steps: readonly TrackStep[], threshold = 0.5): Identity {
  const { gt, tr } = indexIds(steps);
  const counts = Array.from({ length: gt.size }, () => new Array<number>(tr.size).fill(0));
  let gtBoxes = 0;
  let trBoxes = 0;
  for (const s of steps) {
    gtBoxes += s.gtIds.length;
    trBoxes += s.trIds.length;
    s.sim.forEach((row, g) =>
      row.forEach((v, t) => {
        if (v >= threshold) counts[gt.get(s.gtIds[g])!][tr.get(s.trIds[t])!]++;
      }),
    );
  }
  let idtp = 0;
  if (gt.size && tr.size) {
    const col = hungarian(counts.map((r) => r.map((c) => -c)));
    col.forEach((t, g) => {
      if (t >= 0) idtp += counts[g][t];
    });
  }
  const idfn = gtBoxes - idtp;
  const idfp = trBoxes - idtp;
  return identityFromCounts(idtp, idfp, idfn);
}

/** IDF1 / IDP / IDR from box counts (IDTP, IDFP, IDFN); each denominator is at least 1 so empty input scores 0. */
export function identityFromCounts(idtp: number, idfp: number, idfn: number): Identity {
  return {
    idf1: idtp / Math.max(1, idtp + 0.5 * idfp + 0.5 * idfn),
    idp: idtp / Math.max(1, idtp + idfp),
    idr: idtp / Math.max(1, idtp + idfn),
    idtp,
    idfp,
    idfn,
  };
}
