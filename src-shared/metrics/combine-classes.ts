// Combining per-class tracking results the two ways TrackEval does (eval.py: 'cls_comb_det_av' and
// 'cls_comb_cls_av'; clear.py / identity.py / hota.py combine_classes_*). TrackEval evaluates every class on its
// own (a class's gt against the tracker's boxes of that class), then:
// - detection-averaged: count fields summed over classes and the scores recomputed from the sums; HOTA's AssA,
//   AssRe, AssPr and LocA are weighted by each class's HOTA_TP per α. Big classes weigh more.
// - class-averaged: each score is the plain mean of the classes' scores (per α for HOTA); counts are summed.
import type { ClearMot } from './clear-mot';
import type { Hota, HotaAlpha } from './hota';
import { HOTA_ALPHAS } from './hota';
import { identityFromCounts, type Identity } from './identity';

/** One class's results of the three tracking metric families. */
export interface ClassTracking {
  clear: ClearMot;
  identity: Identity;
  hota: Hota;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : 0);

/** cls_comb_det_av of CLEAR: counts summed, MOTA = (TP − FP − IDSW)/max(1, TP + FN), MOTP = Σ IoU / max(1, TP). */
export function clearDetAveraged(cs: readonly ClearMot[]): ClearMot {
  const f = (k: keyof ClearMot) => sum(cs.map((c) => c[k]));
  const tp = f('tp');
  const fp = f('fp');
  const fn = f('fn');
  const idSwitches = f('idSwitches');
  const motpSum = sum(cs.map((c) => c.motp * c.tp));
  return {
    mota: (tp - fp - idSwitches) / Math.max(1, tp + fn),
    motp: motpSum / Math.max(1, tp),
    tp,
    fp,
    fn,
    idSwitches,
    fragmentations: f('fragmentations'),
    mostlyTracked: f('mostlyTracked'),
    mostlyLost: f('mostlyLost'),
  };
}

/** cls_comb_cls_av of CLEAR: MOTA, MOTP means over classes; counts summed. */
export function clearClassAveraged(cs: readonly ClearMot[]): ClearMot {
  return { ...clearDetAveraged(cs), mota: mean(cs.map((c) => c.mota)), motp: mean(cs.map((c) => c.motp)) };
}

/** cls_comb_det_av of Identity: IDTP/IDFP/IDFN summed, IDF1/IDP/IDR recomputed. */
export function identityDetAveraged(cs: readonly Identity[]): Identity {
  const idtp = sum(cs.map((c) => c.idtp));
  const idfp = sum(cs.map((c) => c.idfp));
  const idfn = sum(cs.map((c) => c.idfn));
  return identityFromCounts(idtp, idfp, idfn);
}

/** cls_comb_cls_av of Identity: IDF1/IDP/IDR means over classes; counts summed. */
export function identityClassAveraged(cs: readonly Identity[]): Identity {
  return { ...identityDetAveraged(cs), idf1: mean(cs.map((c) => c.idf1)), idp: mean(cs.map((c) => c.idp)), idr: mean(cs.map((c) => c.idr)) };
}

function hotaFromAlphas(perAlpha: HotaAlpha[]): Hota {
  const m = (k: keyof HotaAlpha) => mean(perAlpha.map((p) => p[k]));
  return { hota: m('hota'), detA: m('detA'), assA: m('assA'), detRe: m('detRe'), detPr: m('detPr'), assRe: m('assRe'), assPr: m('assPr'), locA: m('locA'), perAlpha };
}

/** cls_comb_det_av of HOTA: TP/FN/FP summed per α, association scores and LocA weighted by TP, HOTA = √(DetA·AssA). */
export function hotaDetAveraged(cs: readonly Hota[]): Hota {
  const perAlpha = HOTA_ALPHAS.map((alpha, a): HotaAlpha => {
    const at = cs.map((c) => c.perAlpha[a]);
    const tp = sum(at.map((p) => p.tp));
    const fn = sum(at.map((p) => p.fn));
    const fp = sum(at.map((p) => p.fp));
    const weighted = (k: 'assA' | 'assRe' | 'assPr') => sum(at.map((p) => p[k] * p.tp)) / Math.max(1, tp);
    const detA = tp / Math.max(1, tp + fn + fp);
    const assA = weighted('assA');
    return {
      alpha,
      hota: Math.sqrt(detA * assA),
      detA,
      assA,
      detRe: tp / Math.max(1, tp + fn),
      detPr: tp / Math.max(1, tp + fp),
      assRe: weighted('assRe'),
      assPr: weighted('assPr'),
      locA: Math.max(1e-10, sum(at.map((p) => p.locA * p.tp))) / Math.max(1e-10, tp),
      tp,
      fn,
      fp,
    };
  });
  return hotaFromAlphas(perAlpha);
}

/** cls_comb_cls_av of HOTA: every per-α score the mean over classes; TP/FN/FP summed. */
export function hotaClassAveraged(cs: readonly Hota[]): Hota {
  const det = hotaDetAveraged(cs);
  const perAlpha = det.perAlpha.map((d, a): HotaAlpha => {
    const m = (k: keyof HotaAlpha) => mean(cs.map((c) => c.perAlpha[a][k]));
    return { ...d, hota: m('hota'), detA: m('detA'), assA: m('assA'), detRe: m('detRe'), detPr: m('detPr'), assRe: m('assRe'), assPr: m('assPr'), locA: m('locA') };
  });
  return hotaFromAlphas(perAlpha);
}

/** Both combinations of per-class results (an empty list combines to the scores of an empty sequence). */
export function combineClasses(cs: readonly ClassTracking[]): { detAveraged: ClassTracking; classAveraged: ClassTracking } {
  const clear = cs.map((c) => c.clear);
  const id = cs.map((c) => c.identity);
  const h = cs.map((c) => c.hota);
  return {
    detAveraged: { clear: clearDetAveraged(clear), identity: identityDetAveraged(id), hota: hotaDetAveraged(h) },
    classAveraged: { clear: clearClassAveraged(clear), identity: identityClassAveraged(id), hota: hotaClassAveraged(h) },
  };
}
