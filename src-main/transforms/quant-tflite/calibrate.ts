// Calibration of a float TFLite IR on real frames with ONE augmented model (augment.ts: every float activation is
// also an output), serialised in memory (formats/tflite/writer.ts) and loaded by LiteRT.js from those bytes
// (runtimes/tflite-runtime.ts, LoadOptions.bytes): no temporary file. Each frame's tapped tensors go into their own
// streaming calibrator (calibration/calibrators.ts) and are released before the next frame (memory: one frame's
// activations + the calibrators' fixed state, as calibration/collect.ts for ONNX; minmax reduces each tensor to its
// extremes inside the graph, so only two scalars per tensor are copied out). The graph input is calibrated from the
// fed frames themselves.
import { EdgeLabError } from '../../../src-shared/protocol';
import { CALIBRATION_THREADS, type CollectResult } from '../../calibration/collect';
import { createCalibrator, type Calibrator, type CalibratorOptions } from '../../calibration/calibrators';
import { checkCancelled, type JobContext } from '../../jobs/context';
import type { TfliteModel } from '../../formats/tflite/model-ir';
import { serializeTflite } from '../../formats/tflite/writer';
import { tfliteRuntime } from '../../runtimes/tflite-runtime';
import type { HostTensor } from '../../runtimes/types';
import { augmentForCalibration } from './augment';

/** Ranges by tensor index of `model` (its graph input and every float activation an op writes). */
export interface TfliteCalibration extends Omit<CollectResult, 'ranges' | 'extents'> {
  ranges: Map<number, [number, number]>;
  extents: Map<number, [number, number]>;
  /** Bytes of the augmented model LiteRT.js ran. */
  augmentedBytes: number;
}

export async function calibrateTflite(
  file: string,
  model: TfliteModel,
  frames: AsyncIterable<{ tensor: HostTensor }>,
  method: string,
  options: CalibratorOptions,
  ctx: JobContext,
  totalFrames: number,
): Promise<TfliteCalibration> {
  const t0 = performance.now();
  if (model.inputs.length !== 1) throw new EdgeLabError('BAD_INPUT', `calibration feeds one image input; the model has ${model.inputs.length}`, file);
  const input = model.inputs[0];
  const inputName = model.tensors[input].name;
  // minmax needs only each tensor's extremes: reduced inside the graph, two scalars per tensor leave LiteRT.js.
  const { model: aug, taps } = augmentForCalibration(model, method === 'minmax' ? { reduce: 'minmax' } : {});
  const bytes = serializeTflite(aug);
  const cals = new Map<number, Calibrator>([[input, createCalibrator(method, options)], ...taps.map((t) => [t.index, createCalibrator(method, options)] as [number, Calibrator])]);
  const loaded = await tfliteRuntime.load(file, { bytes, threads: CALIBRATION_THREADS });
  let n = 0;
  try {
    const names = taps.flatMap((t) => (t.max && t.negMin ? [t.max, t.negMin] : [t.name]));
    for await (const f of frames) {
      checkCancelled(ctx);
      cals.get(input)!.add(f.tensor.data);
      const outs = await loaded.run({ [inputName]: f.tensor }, names);
      for (const t of taps) {
        if (t.max && t.negMin) {
          const [hi, negLo] = [outs[t.max], outs[t.negMin]];
          if (!hi || !negLo) throw new EdgeLabError('INTERNAL', `the calibration copy gave no extremes for tensor '${t.name}'`, file);
          cals.get(t.index)!.add([-(negLo.data[0] as number), hi.data[0] as number]);
          continue;
        }
        const v = outs[t.name];
        if (!v || v.dtype !== 'float32') throw new EdgeLabError('BAD_INPUT', `tensor '${t.name}' is not a float tensor: it cannot be calibrated`, file);
        cals.get(t.index)!.add(v.data);
      }
      n++;
      ctx.progress({ stage: 'calibrating', done: n, total: totalFrames, unit: 'frames', fraction: Math.min(1, n / totalFrames) });
    }
  } finally {
    await loaded.dispose();
  }
  if (n === 0) throw new EdgeLabError('BAD_INPUT', 'empty calibration set: no frame was read', file);
  const ranges = new Map<number, [number, number]>();
  const extents = new Map<number, [number, number]>();
  for (const [t, c] of cals) {
    ranges.set(t, c.range());
    extents.set(t, c.extent());
  }
  return { ranges, extents, frames: n, binsPerTensor: cals.get(input)!.footprintBins, seconds: (performance.now() - t0) / 1000, augmentedBytes: bytes.length };
}
