// Latency of a model on this machine, as the quantization benches measure it: the median of timed runs on one
// preprocessed input after untimed warm-up runs (bench:quant's variants and its models[] with onnxruntime-node,
// bench:tflite with LiteRT.js).
import { performance } from 'node:perf_hooks';
import { onnxRuntime } from '../runtimes/onnx-runtime';
import type { HostTensor, Runtime } from '../runtimes/types';

/** Median of `runs` timed runs of `file` on one input after `warmup` untimed ones, ms (`threads` intra-op threads). */
export async function medianLatencyMs(file: string, input: string, feed: HostTensor, runs: number, warmup: number, threads?: number): Promise<number> {
  return runtimeMedianLatencyMs(onnxRuntime, file, input, feed, runs, warmup, threads);
}

/** Same with any registered runtime (e.g. LiteRT.js for .tflite). */
export async function runtimeMedianLatencyMs(runtime: Runtime, file: string, input: string, feed: HostTensor, runs: number, warmup: number, threads?: number): Promise<number> {
  const m = await runtime.load(file, threads === undefined ? undefined : { threads });
  try {
    for (let i = 0; i < warmup; i++) await m.run({ [input]: feed });
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await m.run({ [input]: feed });
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    return t[Math.floor(t.length / 2)];
  } finally {
    await m.dispose();
  }
}
