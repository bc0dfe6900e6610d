// The TF.js uint8 / uint16 weight transforms (one factory, two registry entries): every float32 weight
// becomes per-tensor affine codes in the stock manifest format — the entry keeps `dtype: "float32"` and
// gains `quantization: { dtype, scale, min, original_dtype: "float32" }` — so stock tfjs loadGraphModel
// dequantizes it at load (affine-quant.ts has the maths). Float16-stored weights are widened first and
// requantized; weights already quantized to ≤ the target width are copied; non-float weights are copied
// and listed in keptFloat. The topology is unchanged.
import type { Transform, TransformInput, TransformOutput } from './types';
import type { JobContext } from '../jobs/context';
import { manifestStoredBytes } from '../formats/tfjs/dtypes';
import { AFFINE_QMAX, quantizeAffine, type AffineDtype } from './affine-quant';
import { floatValues, rewriteTfjsModel } from './tfjs-rewrite';

const BYTES: Record<AffineDtype, number> = { uint8: 1, uint16: 2 };

export function affineTfjsTransform(dtype: AffineDtype): Transform {
  async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
    const keptFloat: { name: string; reason: string }[] = [];
    let converted = 0;
    const { mainFile, files } = await rewriteTfjsModel(
      input.source,
      input.outDir,
      {
        stage: `${dtype}: weights`,
        weight(w) {
          const stored = w.entry.quantization?.dtype ?? w.entry.dtype;
          if (w.entry.dtype !== 'float32') {
            keptFloat.push({ name: w.entry.name, reason: `${w.entry.dtype} tensor: not a float32 weight, copied as is` });
            return w;
          }
          if (w.entry.quantization && (manifestStoredBytes(stored) ?? 4) <= BYTES[dtype] && stored !== 'float16') {
            keptFloat.push({ name: w.entry.name, reason: `already ${stored}-quantized: copied as is` });
            return w;
          }
          const values = floatValues(w) as Float32Array;
          const q = quantizeAffine(values, dtype, w.entry.name, input.source);
          converted++;
          return {
            entry: { ...w.entry, dtype: 'float32', quantization: { dtype, scale: q.scale, min: q.min, original_dtype: 'float32' } },
            bytes: new Uint8Array(q.values.buffer, q.values.byteOffset, q.values.byteLength),
          };
        },
      },
      ctx,
    );
    return {
      mainFile,
      files,
      keptFloat,
      settings: { storage: dtype, scheme: 'affine per tensor, zero exact', levels: AFFINE_QMAX[dtype] + 1, compute: 'float32', convertedTensors: converted },
    };
  }
  return { kind: dtype, formats: ['tfjs-graph'], apply };
}
