// Bias correction 'auto' (src-shared BIAS_CORRECTION_AUTO): the int8 transform makes the plain QDQ model and the one
// corrected with BIAS_CORRECTION_ON, and this file judges both against the float32 model on held-out calibration frames
// (frames of the calibration set the correction did not measure on), then picks one:
// - a detector (meta.task 'detector' with a decoder): each model's outputs are decoded by the model's own decoder at
//   replay's score threshold (validation/detections.ts) and matched to float32's boxes (IoU ≥ 0.5, same class); the
//   side with more float32 detections matched wins, a tie goes to the higher worst-output SNR;
// - any other model: the higher worst-output SNR (dB, min over outputs of the SNR over all held-out frames) wins.
// The corrected model is kept only if it is strictly better; otherwise (ties, no held-out frame) the plain one.
// Memory: the three models loaded, one frame's outputs of each, and each frame's detections (SNR sums streamed).
import { TensorAgreement } from '../../../src-shared/metrics/tensor';
import type { ModelMeta } from '../../../src-shared/types/model';
import { checkCancelled, type JobContext } from '../../jobs/context';
import type { RawDetection } from '../../pipeline/decoders/types';
import { runtimeFor } from '../../runtimes/registry';
import type { HostTensor, LoadedModel } from '../../runtimes/types';
import { detectionDecoder, matchDetections } from '../../validation/detections';

/** Held-out frames judged at most: the calibration frames right after the ones the correction used. */
export const AUTO_HELD_OUT_FRAMES = 16;

/** How one candidate agrees with float32 on the held-out frames. */
export interface AutoSide {
  /** Detectors: float32 detections (score ≥ replay's threshold) matched by this model (IoU ≥ 0.5, same class). */
  matched?: number;
  /** matched ÷ float32 detections (1 when float32 found none). */
  keepRate?: number;
  /** Lowest SNR over the model outputs, dB. */
  worstSnrDb: number;
}

export interface AutoJudgement {
  chosen: 'corrected' | 'plain';
  /** 'detections': matched, then worst SNR; 'snr': worst SNR only. */
  rule: 'detections' | 'snr';
  /** Held-out frames judged, and the index of the first one in the calibration set. */
  frames: number;
  firstFrame: number;
  /** Detectors: float32 detections over those frames. */
  referenceBoxes?: number;
  plain: AutoSide;
  corrected: AutoSide;
  seconds: number;
}

/** Whether `corrected` agrees strictly better with float32 than `plain` by `rule`. */
export function correctedWins(rule: AutoJudgement['rule'], plain: AutoSide, corrected: AutoSide): boolean {
  if (rule === 'detections' && corrected.matched !== plain.matched) return (corrected.matched ?? 0) > (plain.matched ?? 0);
  return corrected.worstSnrDb > plain.worstSnrDb;
}

const round3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);

/**
 * Runs float32 (`reference`), `plain` and `corrected` (ONNX files) on `frames` (preprocessed inputs for `inputName`,
 * `firstFrame` = index of frames[0] in the calibration set) and picks by the rule above.
 */
export async function judgeBiasCorrection(o: {
  reference: string;
  plain: string;
  corrected: string;
  meta: ModelMeta | undefined;
  frames: HostTensor[];
  firstFrame: number;
  inputName: string;
  ctx: JobContext;
}): Promise<AutoJudgement> {
  const t0 = performance.now();
  const rt = await runtimeFor('onnx');
  const models: LoadedModel[] = [];
  try {
    for (const f of [o.reference, o.plain, o.corrected]) models.push(await rt.load(f));
    const names = models[0].outputs.map((x) => x.name);
    let decode = o.meta?.task === 'detector' && o.meta.decoder ? detectionDecoder(o.meta) : undefined;
    // agree[m - 1][k]: output k of candidate m (1 plain, 2 corrected) against float32, summed over the frames;
    // dets[m]: model m's detections per frame.
    const agree = [1, 2].map(() => names.map(() => new TensorAgreement()));
    const dets = models.map(() => [] as RawDetection[][]);
    for (const [i, frame] of o.frames.entries()) {
      checkCancelled(o.ctx);
      const outs: Record<string, HostTensor>[] = [];
      for (const m of models) outs.push(await m.run({ [o.inputName]: frame }, names));
      for (const m of [1, 2]) {
        names.forEach((n, k) => {
          // An output with a data-dependent row count is compared on the rows both have (as validation does).
          const [r, t] = [outs[0][n].data, outs[m][n].data];
          const len = Math.min(r.length, t.length);
          agree[m - 1][k].add(r.subarray(0, len), t.subarray(0, len));
        });
      }
      if (decode) {
        try {
          outs.forEach((out, m) => dets[m].push(decode!(out)));
        } catch {
          decode = undefined; // outputs the decoder does not fit: judged on SNR (replay reports the misfit in its own words)
        }
      }
      o.ctx.progress({ stage: 'bias correction auto: judging on held-out frames', done: i + 1, total: o.frames.length, unit: 'frames', fraction: (i + 1) / o.frames.length });
    }
    const side = (m: number): AutoSide => {
      const worstSnrDb = round3(Math.min(...agree[m - 1].map((a) => a.snrDb())));
      if (!decode) return { worstSnrDb };
      const d = matchDetections(dets[0], dets[m]);
      return { matched: Math.round(d.recall50 * d.referenceBoxes), keepRate: round3(d.recall50), worstSnrDb };
    };
    const rule = decode ? 'detections' : 'snr';
    const plain = side(1);
    const corrected = side(2);
    return {
      chosen: correctedWins(rule, plain, corrected) ? 'corrected' : 'plain',
      rule,
      frames: o.frames.length,
      firstFrame: o.firstFrame,
      ...(decode ? { referenceBoxes: dets[0].reduce((a, f) => a + f.length, 0) } : {}),
      plain,
      corrected,
      seconds: Number(((performance.now() - t0) / 1000).toFixed(3)),
    };
  } finally {
    for (const m of models) await m.dispose();
  }
}
