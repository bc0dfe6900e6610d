// Latency of an ONNX model on this machine, as the quantization benches measure it: the median of timed runs on one
// preprocessed input after untimed warm-up runs (bench:quant's variants and its models[]).
import { performance } from 'node:perf_hooks';
import { onnxRuntime } from '../runtimes/onnx-runtime';

/** Median of `runs` timed runs of `file` on one input after `warmup` untimed ones, ms (`threads` intra-op threads). */
export async function medianLatencyMs(file: string, input: string, feed: Parameters<Awaited<ReturnType<typeof onnxRuntime.load>>['run']>[0][string], runs: number, warmup: number, threads?: number): Promise<number> {
  const m = await onnxRuntime.load(file, threads === undefined ? undefined : { threads });
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
