// Reads intermediate activations as ORT's calibration tool does: a copy of the model with the wanted
// tensors added as graph outputs runs in onnxruntime-node on each frame, and each tensor's values go into
// its own streaming calibrator. Memory: one frame's activations at a time + the calibrators' fixed state.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { decodeOnnx, onnxPb } from '../formats/onnx/codec';
import * as ort from 'onnxruntime-node';
import type { HostTensor } from '../runtimes/types';
import { DT } from '../formats/onnx/dtypes';
import { createCalibrator, type Calibrator, type CalibratorOptions } from './calibrators';
import { cpuSessionOptions } from '../runtimes/onnx-runtime';

/** Intra-op threads while calibrating: both cores of the lab machines (calibration is a foreground job). */
export const CALIBRATION_THREADS = 2;

/** Serialized copy of the model whose graph outputs also list `tensors` (declared float32, shape unknown). */
export function augmentWithOutputs(bytes: Uint8Array, file: string, tensors: string[]): Uint8Array {
  const model = decodeOnnx(bytes, file);
  const g = model.graph!;
  const have = new Set((g.output ?? []).map((v) => v.name ?? ''));
  for (const t of tensors) {
    if (have.has(t)) continue;
    g.output!.push(onnxPb.ValueInfoProto.create({ name: t, type: onnxPb.TypeProto.create({ tensorType: onnxPb.TypeProto.Tensor.create({ elemType: DT.FLOAT }) }) }));
  }
  return onnxPb.ModelProto.encode(model).finish();
}

export interface CollectResult {
  ranges: Map<string, [number, number]>;
  /** Exact [min, max] per tensor (for tensors that must not be clipped, e.g. model outputs). */
  extents: Map<string, [number, number]>;
  frames: number;
  /** Histogram bins held per tensor (fixed, whatever the frame count). */
  binsPerTensor: number;
  seconds: number;
}

/**
 * Runs the augmented model on every frame of `frames` and calibrates each of `tensors`. `scratchDir` holds
 * the augmented model file while it runs (removed afterwards).
 */
export async function collectRanges(
  modelBytes: Uint8Array,
  file: string,
  tensors: string[],
  frames: AsyncIterable<{ tensor: HostTensor }>,
  inputName: string,
  method: string,
  options: CalibratorOptions,
  scratchDir: string,
  ctx: JobContext,
  totalFrames: number,
): Promise<CollectResult> {
  const t0 = performance.now();
  const calibrators = new Map<string, Calibrator>(tensors.map((t) => [t, createCalibrator(method, options)]));
  const augmented = join(scratchDir, `.edgelab-calibration-${process.pid}.onnx`);
  await fs.writeFile(augmented, augmentWithOutputs(modelBytes, file, tensors));
  let n = 0;
  try {
    // onnxruntime-node directly (not runtimes/onnx-runtime.ts, which copies every output): one frame's
    // activations are read in place from ORT's buffers and released before the next frame.
    const session = await ort.InferenceSession.create(augmented, cpuSessionOptions(CALIBRATION_THREADS));
    try {
      for await (const f of frames) {
        checkCancelled(ctx);
        const outs = await session.run({ [inputName]: new ort.Tensor(f.tensor.dtype, f.tensor.data, f.tensor.shape) }, tensors);
        for (const t of tensors) {
          calibrators.get(t)!.add(outs[t].data as Float32Array);
          outs[t].dispose();
        }
        n++;
        ctx.progress({ stage: 'calibrating', done: n, total: totalFrames, unit: 'frames', fraction: Math.min(1, n / totalFrames) });
      }
    } finally {
      await session.release();
    }
  } finally {
    await fs.rm(augmented, { force: true });
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
