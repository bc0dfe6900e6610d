// Reads intermediate activations as ORT's calibration tool does: the model opened as a tapped model
// (runtimes/tapped.ts: the wanted tensors added as graph outputs, loaded through the runtime registry) runs on
// each frame, and each tensor's values go into its own streaming calibrator. Memory: one frame's reductions and
// samples at a time (copied out of the runtime's buffers, released before the next frame) + the calibrators' fixed
// state.
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { sampleTarget } from '../formats/onnx/tap-sample';
import { openTapped } from '../runtimes/tapped';
import type { HostTensor } from '../runtimes/types';
import { createCalibrator, type Calibrator, type CalibratorOptions } from './calibrators';

/** Intra-op threads while calibrating: both cores of the lab machines (calibration is a foreground job). */
export const CALIBRATION_THREADS = 2;

export interface CollectResult {
  ranges: Map<string, [number, number]>;
  /** Exact [min, max] per tensor (for tensors that must not be clipped, e.g. model outputs). */
  extents: Map<string, [number, number]>;
  frames: number;
  /** Histogram bins held per tensor (fixed, whatever the frame count). */
  binsPerTensor: number;
  seconds: number;
}

/** Runs the ONNX model `file` tapped at `tensors` on every frame of `frames` and calibrates each of `tensors`. */
export async function collectRanges(
  file: string,
  tensors: string[],
  frames: AsyncIterable<{ tensor: HostTensor }>,
  inputName: string,
  method: string,
  options: CalibratorOptions,
  ctx: JobContext,
  totalFrames: number,
): Promise<CollectResult> {
  const t0 = performance.now();
  const calibrators = new Map<string, Calibrator>(tensors.map((t) => [t, createCalibrator(method, options)]));
  let n = 0;
  // minmax needs only each tensor's extremes: reduced inside the graph (ReduceMin/ReduceMax), not copied out.
  // No pre-planned activation block (memPattern false): the tapped graph's extra outputs made onnxruntime's plan
  // hold far more than one frame's activations (CenterNet, fresh process: peak RSS 845 → 580 MB).
  // entropy reads a strided sample of each tensor with its exact extremes, also computed in the graph
  // (formats/onnx/tap-sample.ts): whole tensors as graph outputs all stayed alive to the end of each run and were
  // copied and binned in full (CenterNet, 100 frames: 62 s, 1.24 GB → 14 s, 443 MB). The KL search reads the
  // histogram's shape, which the sample keeps (CenterNet worst output SNR 0.30 → 0.35 dB, SSD 9.03 → 8.71 dB).
  // percentile keeps whole tensors: its 99.999th percentile is the top 0.001 % of the values, which a sample
  // estimates from a few values (sampled: CenterNet 4.11 → 2.75 dB).
  const reduce = method === 'minmax' ? ('minmax' as const) : method === 'entropy' ? ('sample' as const) : undefined;
  const request = { tensors, ...(reduce ? { reduce } : {}), ...(reduce === 'sample' ? { sampleTarget: sampleTarget(totalFrames) } : {}) };
  const tapped = await openTapped(file, 'onnx', request, { threads: CALIBRATION_THREADS, memPattern: false });
  try {
    for await (const f of frames) {
      checkCancelled(ctx);
      const outs = await tapped.run({ [inputName]: f.tensor }, tensors);
      for (const t of tensors) {
        const values = outs.get(t);
        if (!values) throw new EdgeLabError('BAD_INPUT', `tensor '${t}' is not a float tensor: it cannot be calibrated`, file);
        calibrators.get(t)!.add(values);
      }
      n++;
      ctx.progress({ stage: 'calibrating', done: n, total: totalFrames, unit: 'frames', fraction: Math.min(1, n / totalFrames) });
    }
  } finally {
    await tapped.dispose();
  }
  if (n === 0) throw new EdgeLabError('BAD_INPUT', 'empty calibration set: no frame was read', file);
  const ranges = new Map<string, [number, number]>();
  const extents = new Map<string, [number, number]>();
  for (const [t, c] of calibrators) {
    ranges.set(t, c.range());
    extents.set(t, c.extent());
  }
  const first = calibrators.values().next().value as Calibrator | undefined;
  return { ranges, extents, frames: n, binsPerTensor: first?.footprintBins ?? 0, seconds: (performance.now() - t0) / 1000 };
}
