// TF.js graph model → TFLite float32 (the 'tflite' transform on 'tfjs-graph' models, e.g. the bundled embedders):
// the TF.js → ONNX transform into a temp folder, then the ONNX → TFLite one into the variant's folder. Only when
// the ONNX graph starts at the TF.js model's own inputs: a graph cut after an in-graph pre-processing loop (the SSD
// TF.js detector) renames the input, so its metadata would not apply — convert to ONNX first, then that .onnx.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeLabError } from '../../../src-shared/protocol';
import { subJob, type JobContext } from '../../jobs/context';
import { tfjsToOnnx } from '../tfjs-to-onnx/convert';
import type { Transform, TransformInput, TransformOutput } from '../types';
import { onnxToTflite } from './convert';

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const tmp = await fs.mkdtemp(join(tmpdir(), 'edgelab-tfjs-tflite-'));
  try {
    const { meta: _meta, ...rest } = input.settings;
    void _meta;
    const onnx = await tfjsToOnnx.apply({ source: input.source, outDir: tmp, settings: { ...rest, autoCut: false } }, subJob(ctx, 0, 0.5, 'tfjs → onnx'));
    if (onnx.settings?.inputAt) {
      throw new EdgeLabError('UNSUPPORTED', 'the TF.js graph converts to ONNX only from a cut tensor (its input is renamed): convert it --to onnx first, then convert that .onnx --to tflite', input.source);
    }
    const res = await onnxToTflite.apply({ source: onnx.mainFile, outDir: input.outDir, settings: rest }, subJob(ctx, 0.5, 1, 'onnx → tflite'));
    return { ...res, settings: { ...res.settings, via: { onnx: onnx.settings ?? {} } } };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

export const tfjsToTflite: Transform = { kind: 'tflite', formats: ['tfjs-graph'], apply };
