// Transform registry: (variant kind, model format) → the one transform that makes it.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat, VariantKind } from '../../src-shared/types/model';
import type { Transform } from './types';
import { fp16Tfjs } from './fp16-tfjs';
import { fp16Onnx } from './fp16-onnx';
import { tfjsToOnnx } from './tfjs-to-onnx/convert';
import { uint8Tfjs } from './uint8-tfjs';
import { uint16Tfjs } from './uint16-tfjs';
import { int8SimTfjs } from './int8-sim-tfjs';
import { int8WeightsOnnx } from './int8-weights-onnx';
import { int8Onnx } from './int8-onnx';
import { onnxToTflite } from './onnx-to-tflite/convert';
import { tfjsToTflite } from './onnx-to-tflite/from-tfjs';
import { fp16Tflite } from './fp16-tflite';
import { int8WeightsTflite } from './int8-weights-tflite';
import { int8Tflite } from './int8-tflite';

export const TRANSFORMS: readonly Transform[] = [fp16Tfjs, fp16Onnx, uint8Tfjs, uint16Tfjs, int8SimTfjs, int8WeightsOnnx, int8Onnx, tfjsToOnnx, onnxToTflite, tfjsToTflite, fp16Tflite, int8WeightsTflite, int8Tflite];

/** Every registered transform as (kind, format) pairs. */
export function listTransforms(): { kind: VariantKind; format: ModelFormat }[] {
  return TRANSFORMS.flatMap((t) => t.formats.map((format) => ({ kind: t.kind, format })));
}

/** The transform for `kind` on `format`; throws UNSUPPORTED naming what exists when there is none. */
export function getTransform(kind: VariantKind, format: ModelFormat): Transform {
  const t = TRANSFORMS.find((x) => x.kind === kind && x.formats.includes(format));
  if (t) return t;
  const have = listTransforms()
    .map((p) => `${p.kind} (${p.format})`)
    .join(', ');
  throw new EdgeLabError('UNSUPPORTED', `no ${kind} transform for ${format} models; available: ${have}`);
}
