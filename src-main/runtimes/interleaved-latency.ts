// Interleaved latency of several models on one input (mixed precision compares every candidate with float32 this
// way, transforms/mixed-precision.ts). The benches' single-model median is perf/median-latency.ts; this one sits
// with the runtimes because transforms below the engine use it (perf/ is above the engine).
import { performance } from 'node:perf_hooks';
import { onnxRuntime } from './onnx-runtime';
import type { HostTensor } from './types';

/**
 * Latency of several ONNX models measured in interleaved runs on one input, in the order of `files`: each round
 * runs every model once, so a change of load on a shared machine hits all of them alike. `medianMs`: median of
 * each model's timed runs, ms; `ratioToFirst`: median over the rounds of (this model's time ÷ the first model's
 * time in the same round) — robust to load that changes between rounds (mixed precision compares every
 * candidate with float32 this way).
 */
export async function interleavedLatency(files: string[], input: string, feed: HostTensor, runs: number, warmup: number, threads?: number): Promise<{ medianMs: number[]; ratioToFirst: number[] }> {
  const models: Awaited<ReturnType<typeof onnxRuntime.load>>[] = [];
  const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
  try {
    for (const f of files) models.push(await onnxRuntime.load(f, threads === undefined ? undefined : { threads }));
    for (let i = 0; i < warmup; i++) for (const m of models) await m.run({ [input]: feed });
    const t: number[][] = files.map(() => []);
    for (let i = 0; i < runs; i++) {
      for (let j = 0; j < models.length; j++) {
        const t0 = performance.now();
        await models[j].run({ [input]: feed });
        t[j].push(performance.now() - t0);
      }
    }
    return { medianMs: t.map(median), ratioToFirst: t.map((x) => median(x.map((v, i) => v / t[0][i]))) };
  } finally {
    for (const m of models) await m.dispose();
  }
}
