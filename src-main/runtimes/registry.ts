// Runtime registry: name → implementation, in preference order per format.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat } from '../../src-shared/types/model';
import { onnxRuntime } from './onnx-runtime';
import { tfjsRuntime } from './tfjs-runtime';
import { tfliteRuntime } from './tflite-runtime';
import type { Runtime } from './types';

export const RUNTIMES: readonly Runtime[] = [onnxRuntime, tfjsRuntime, tfliteRuntime];

/** The first available runtime that reads `format`; UNSUPPORTED when none. */
export async function runtimeFor(format: ModelFormat): Promise<Runtime> {
  for (const r of RUNTIMES) {
    if (!r.formats.includes(format)) continue;
    if ((await r.availability()).available) return r;
  }
  throw new EdgeLabError('UNSUPPORTED', `no available runtime reads ${format} models`);
}

export async function runtimeAvailability(): Promise<{ name: string; available: boolean; backend?: string; detail?: string }[]> {
  const out = [];
  for (const r of RUNTIMES) {
    try {
      out.push({ name: r.name, ...(await r.availability()) });
    } catch (e) {
      out.push({ name: r.name, available: false, detail: (e as Error).message });
    }
  }
  return out;
}
