// The tapped model (onnxruntime's augmented-session idea, CalibraterBase): a model opened through the runtime
// registry with extra outputs — the named tensors, or every float intermediate — chosen by its format home's
// tapper (formats/registry.ts). The one way calibration, per-layer error (API `layers`), mixed precision, the
// int8 simulation and the tfjs→ONNX probe read intermediate tensors. Invariants: `model` fetches every name
// of `taps`; `run` returns float32 values only (float16 widened by the runtime; other dtypes left out); one
// frame's requested tensors are held at a time; `dispose` releases the runtime model. With `reduce: 'minmax'`
// a tensor's value may be its [min, max] (2 values, reduced in the graph where the format can) or the whole
// tensor (where it cannot): both give the same min and max. With `reduce: 'sample'` it is a strided sample of the
// tensor with its exact min and max appended (formats/onnx/tap-sample.ts) or the whole tensor: the same extremes,
// values distributed as the tensor's.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat } from '../../src-shared/types/model';
import { sampledValues } from '../formats/onnx/tap-sample';
import { FORMATS } from '../formats/registry';
import type { TapInfo, TapRequest } from '../formats/types';
import { runtimeFor } from './registry';
import type { HostTensor, LoadedModel } from './types';

export type { TapInfo, TapRequest } from '../formats/types';

export interface TappedModel {
  file: string;
  format: ModelFormat;
  /** The runtime model, extra outputs included: `model.run(feeds, names)` gives HostTensors of any tap. */
  model: LoadedModel;
  /** Names of the model's inputs (the first is the image input). */
  inputNames: string[];
  taps: TapInfo[];
  /** Runs one frame; float32 values of the requested taps (default: all); taps that are not float are left out. */
  run(feeds: Record<string, HostTensor>, tensors?: string[]): Promise<Map<string, Float32Array>>;
  dispose(): Promise<void>;
}

/** Opens `file` with the taps of `request` exposed; UNSUPPORTED when its format has no tapper or no runtime. */
export async function openTapped(file: string, format: ModelFormat, request: TapRequest, options: { threads?: number; memPattern?: boolean } = {}): Promise<TappedModel> {
  const tapper = FORMATS.find((f) => f.format === format)?.taps;
  if (!tapper) throw new EdgeLabError('UNSUPPORTED', `per-layer taps do not read ${format} models`, file);
  const plan = await tapper.plan(file, request);
  const runtime = await runtimeFor(format);
  const model = await runtime.load(file, { threads: options.threads, ...(options.memPattern === false ? { memPattern: false } : {}), ...(plan.bytes ? { bytes: plan.bytes } : {}) });
  const all = plan.taps.map((t) => t.tensor);
  return {
    file,
    format,
    model,
    inputNames: model.inputs.map((i) => i.name),
    taps: plan.taps,
    async run(feeds, tensors) {
      const names = [...new Set(tensors ?? all)];
      const { reduced, sampled } = plan;
      const fetch = names.flatMap((n) => {
        const s = sampled?.get(n);
        return s ? [s.min, s.max, s.n, s.sample] : (reduced?.get(n) ?? [n]);
      });
      const res = await model.run(feeds, fetch);
      const out = new Map<string, Float32Array>();
      for (const n of names) {
        const s = sampled?.get(n);
        if (s) {
          const [lo, hi, size, sample] = [res[s.min], res[s.max], res[s.n], res[s.sample]];
          if (lo?.dtype === 'float32' && hi?.dtype === 'float32' && sample?.dtype === 'float32' && size)
            out.set(n, sampledValues(sample.data as Float32Array, Number(size.data[0]), lo.data[0] as number, hi.data[0] as number));
          continue;
        }
        const r = reduced?.get(n);
        if (r) {
          const [lo, hi] = [res[r[0]], res[r[1]]];
          if (lo?.dtype === 'float32' && hi?.dtype === 'float32') out.set(n, Float32Array.of(lo.data[0] as number, hi.data[0] as number));
          continue;
        }
        const t = res[n];
        if (t?.dtype === 'float32') out.set(n, t.data as Float32Array);
      }
      return out;
    },
    dispose: () => model.dispose(),
  };
}
