// Latency of a model on this machine, as the quantization benches measure it: the median of timed runs on one
// preprocessed input after untimed warm-up runs (bench:quant's variants and its models[] with onnxruntime-node;
// bench:tflite's float32 / variant pairs, timed in alternation, with any runtime).
import { performance } from 'node:perf_hooks';
import { onnxRuntime } from '../runtimes/onnx-runtime';
import type { HostTensor, Runtime } from '../runtimes/types';

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

/**
 * Medians (ms) of two models measured in alternation — one timed run of `a`, then one of `b`, `runs` times, after
 * `warmup` untimed runs of each — so drift in the machine's load hits both alike (bench:tflite's pairs).
 */
export async function pairedMedianLatencyMs(runtime: Runtime, a: string, b: string, input: string, feed: HostTensor, runs: number, warmup: number, threads?: number): Promise<[number, number]> {
  const opts = threads === undefined ? undefined : { threads };
  const ma = await runtime.load(a, opts);
  try {
    const mb = await runtime.load(b, opts);
    try {
      for (let i = 0; i < warmup; i++) {
        await ma.run({ [input]: feed });
        await mb.run({ [input]: feed });
      }
      const ta: number[] = [];
      const tb: number[] = [];
      for (let i = 0; i < runs; i++) {
        for (const [m, t] of [[ma, ta], [mb, tb]] as const) {
          const t0 = performance.now();
          await m.run({ [input]: feed });
          t.push(performance.now() - t0);
        }
      }
      const med = (t: number[]): number => [...t].sort((x, y) => x - y)[Math.floor(t.length / 2)];
      return [med(ta), med(tb)];
    } finally {
      await mb.dispose();
    }
  } finally {
    await ma.dispose();
  }
}
