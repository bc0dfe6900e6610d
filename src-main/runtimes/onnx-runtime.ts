// ONNX models through onnxruntime-node (CPU execution provider). HostTensor ↔ ort.Tensor share buffers
// (no copy on the way in; none on the way out either: each run's outputs own their buffers, see fromOrt).
import * as ort from 'onnxruntime-node';
import { promises as fs } from 'node:fs';
import { EdgeLabError } from '../../src-shared/protocol';
import type { TensorInfo } from '../../src-shared/types/model';
import { float16BitsToFloat32 } from '../formats/half';
import type { HostTensor, LoadedModel, Runtime } from './types';

export const ONNX_EP = 'CPUExecutionProvider';
/** Default intra-op threads: the lab machines have 2 cores shared by test forks. */
export const ONNX_DEFAULT_THREADS = 1;

/** Session options EdgeLab uses everywhere it runs onnxruntime: CPU EP, `threads` intra-op threads, errors-only log. */
export function cpuSessionOptions(threads: number = ONNX_DEFAULT_THREADS): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3, // errors only: bundled models trip harmless 'unused initializer' warnings
  };
}

function toInfo(m: ort.InferenceSession.ValueMetadata): TensorInfo {
  if (!m.isTensor) return { name: m.name, shape: [], dtype: 'non-tensor' };
  return { name: m.name, shape: m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1)), dtype: m.type };
}

function toOrt(t: HostTensor): ort.Tensor {
  return new ort.Tensor(t.dtype, t.data, t.shape);
}

/**
 * An output as a HostTensor. float32, int32 and uint8 data are taken as they are, not copied: onnxruntime-node gives
 * each output of each run its own ArrayBuffer, which stays intact after the session is released and others run
 * (tests/src-main/runtimes/onnx-outputs.test.ts). The copy had doubled what a run with many outputs (calibration's
 * whole-tensor taps, per-layer error) held and cost CenterNet 0.11 s per frame.
 */
function fromOrt(name: string, t: ort.Tensor, file: string): HostTensor {
  const shape = [...t.dims];
  if (t.type === 'float32') return { data: t.data as Float32Array, shape, dtype: 'float32' };
  if (t.type === 'int32') return { data: t.data as Int32Array, shape, dtype: 'int32' };
  if (t.type === 'uint8' || t.type === 'bool') return { data: t.data as Uint8Array, shape, dtype: 'uint8' };
  if (t.type === 'int64') return { data: Int32Array.from(t.data as BigInt64Array, (v) => Number(v)), shape, dtype: 'int32' };
  if (t.type === 'float16') {
    // ort returns fp16 as raw binary16 bits in a Uint16Array; widen to float32.
    const f = new Float32Array(t.size);
    const bits = t.data as Uint16Array;
    for (let i = 0; i < bits.length; i++) f[i] = float16BitsToFloat32(bits[i]);
    return { data: f, shape, dtype: 'float32' };
  }
  throw new EdgeLabError('UNSUPPORTED', `output ${name} has dtype ${t.type}, which EdgeLab does not read`, file);
}

/** Sessions created by `onnxRuntime.load` and not yet released (leak checks: bench:soak, tests). */
let sessionsOpen = 0;
let sessionsCreated = 0;
export function ortSessionsOpen(): number {
  return sessionsOpen;
}
/** Sessions created by `onnxRuntime.load` since the process started (monotonic). */
export function ortSessionsCreated(): number {
  return sessionsCreated;
}

export const onnxRuntime: Runtime = {
  name: 'onnxruntime-node',
  formats: ['onnx'],
  async availability() {
    return { available: true, backend: ONNX_EP, detail: `onnxruntime-node ${ort.env.versions?.common ?? ''}`.trim() };
  },
  async load(path, options) {
    let bytes: Uint8Array;
    try {
      bytes = options?.bytes ?? (await fs.readFile(path));
    } catch (e) {
      throw new EdgeLabError('BAD_INPUT', `cannot read ONNX model: ${(e as Error).message}`, path);
    }
    const threads = options?.threads ?? ONNX_DEFAULT_THREADS;
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, { ...cpuSessionOptions(threads), ...(options?.memPattern === false ? { enableMemPattern: false } : {}) });
    } catch (e) {
      const msg = String((e as Error).message ?? e).split('\n')[0];
      throw new EdgeLabError('BAD_INPUT', `not a loadable ONNX model: ${msg}`, path);
    }
    sessionsOpen++;
    sessionsCreated++;
    const inputs = session.inputMetadata.map(toInfo);
    const outputs = session.outputMetadata.map(toInfo);
    let disposed = false;
    const model: LoadedModel = {
      runtime: onnxRuntime.name,
      backend: ONNX_EP,
      inputs,
      outputs,
      async run(feeds: Record<string, HostTensor>, fetch?: string[]) {
        if (disposed) throw new EdgeLabError('INTERNAL', 'model used after dispose', path);
        const ortFeeds: Record<string, ort.Tensor> = {};
        for (const [k, v] of Object.entries(feeds)) ortFeeds[k] = toOrt(v);
        const names = fetch ?? session.outputNames;
        const res = await session.run(ortFeeds, [...names]);
        const out: Record<string, HostTensor> = {};
        for (const n of names) {
          out[n] = fromOrt(n, res[n], path);
          res[n].dispose();
        }
        return out;
      },
      async dispose() {
        if (disposed) return;
        disposed = true;
        sessionsOpen--;
        await session.release();
      },
    };
    return model;
  },
};

/**
 * The graph onnxruntime actually runs for `file` (all optimizations, `threads` intra-op threads, CPU EP), written to
 * `outFile` by the session (ORT's optimizedModelFilePath). What it holds is specific to this machine's CPU (NCHWc
 * layouts, fused int8 kernels): used by benchmarks to count the int8 kernels ORT chose.
 */
export async function writeOptimizedOnnx(file: string, outFile: string, threads: number = ONNX_DEFAULT_THREADS): Promise<void> {
  const bytes = await fs.readFile(file);
  const session = await ort.InferenceSession.create(bytes, { ...cpuSessionOptions(threads), graphOptimizationLevel: 'all', optimizedModelFilePath: outFile });
  await session.release();
}
