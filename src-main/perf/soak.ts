// `npm run bench:soak`: the engine as the server's worker builds it (createEngine, host 'server', confined to a
// temp workspace) runs N replays and N conversions in a row, alternating onnxruntime (BlazeFace) and tfjs-wasm
// (SSD MobileNetV2 replay, FaceRes fp16 conversion) work. Prints one JSON object:
//   iterations, replays, conversions, wallMs;
//   rssStartMb / rssEndMb / rssPeakMb (process RSS after a warm-up round, at the end, highest sample every 100 ms),
//   rssGrowthMb (end − start);
//   tfjsTensorsStart / tfjsTensorsEnd, tfjsBytesStart / tfjsBytesEnd (tf.memory() after warm-up and at the end);
//   ortSessionsOpen (sessions opened by onnxRuntime.load and not released, at the end; 0 = no leak), ortSessionsPeak
//   (highest sampled), ortSessionsCreated (during the measured iterations);
//   perIteration: [{ replayMs, convertMs, rssMb, tfjsTensors }].
// Baselines are taken after one warm-up round of each kind, so one-time allocations (wasm heap, backend kernels)
// are not mistaken for leaks.
import * as tf from '@tensorflow/tfjs';
import { Command } from 'commander';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../create-engine';
import { ortSessionsCreated, ortSessionsOpen } from '../runtimes/onnx-runtime';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';

const MB = 1024 * 1024;
const round1 = (x: number) => Math.round(x * 10) / 10;
const rssMb = () => round1(process.memoryUsage.rss() / MB);

export interface SoakOptions {
  iterations: number;
  /** Frames per replay (from the start of cup.mp4). */
  frames: number;
  /** Progress lines on stderr. */
  log?: (line: string) => void;
}

export interface SoakResult {
  iterations: number;
  replays: number;
  conversions: number;
  wallMs: number;
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
  /** rssEndMb − rssStartMb; the wasm heap of tfjs only grows, so some growth up to its high-water mark is expected. */
  rssGrowthMb: number;
  tfjsTensorsStart: number;
  tfjsTensorsEnd: number;
  tfjsBytesStart: number;
  tfjsBytesEnd: number;
  ortSessionsOpen: number;
  ortSessionsPeak: number;
  /** Sessions created during the measured iterations (proves the counter saw real work). */
  ortSessionsCreated: number;
  perIteration: { replayMs: number; convertMs: number; rssMb: number; tfjsTensors: number }[];
}

/** Iteration i: replay (even i: BlazeFace on ORT, odd i: SSD on tfjs) and conversion (even: BlazeFace fp16, odd: FaceRes fp16). */
async function round(engine: Engine, ws: string, i: number, frames: number, tag: string): Promise<{ replayMs: number; convertMs: number }> {
  const t0 = performance.now();
  const run = await engine.replay({ model: i % 2 === 0 ? 'blazeface-front' : 'ssd-mobilenet-v2-coco', clip: 'cup', frames, thumbnailSize: 0 });
  if (run.frames !== frames) throw new Error(`soak: replay ${tag} gave ${run.frames} frames, expected ${frames}`);
  const t1 = performance.now();
  // `out` makes every conversion do the full work (a workspace variant would be found in the cache the second time).
  await engine.convertModel({ model: i % 2 === 0 ? 'blazeface-front' : 'faceres', to: 'fp16', out: join(ws, 'converted', tag) });
  const t2 = performance.now();
  return { replayMs: Math.round(t1 - t0), convertMs: Math.round(t2 - t1) };
}

export async function soak(opts: SoakOptions): Promise<SoakResult> {
  const log = opts.log ?? (() => {});
  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-soak-'));
  const ws = join(scratch, 'ws');
  const engine = await createEngine({ host: 'server', pathPolicy: 'confined', workspaceDir: ws });
  let peak = 0;
  let sessionsPeak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    sessionsPeak = Math.max(sessionsPeak, ortSessionsOpen());
  }, 100);
  try {
    log('soak: warm-up (one round of each kind)');
    await round(engine, ws, 0, opts.frames, 'warmup-0');
    await round(engine, ws, 1, opts.frames, 'warmup-1');
    const start = { rss: rssMb(), mem: tf.memory(), sessions: ortSessionsCreated() };
    peak = process.memoryUsage.rss();
    const t0 = performance.now();
    const perIteration: SoakResult['perIteration'] = [];
    for (let i = 0; i < opts.iterations; i++) {
      const r = await round(engine, ws, i, opts.frames, `it-${i}`);
      perIteration.push({ ...r, rssMb: rssMb(), tfjsTensors: tf.memory().numTensors });
      log(`soak: iteration ${i + 1}/${opts.iterations}: replay ${r.replayMs} ms, convert ${r.convertMs} ms, RSS ${rssMb()} MB, tensors ${tf.memory().numTensors}`);
    }
    const end = tf.memory();
    return {
      iterations: opts.iterations,
      replays: opts.iterations,
      conversions: opts.iterations,
      wallMs: Math.round(performance.now() - t0),
      rssStartMb: start.rss,
      rssEndMb: rssMb(),
      rssPeakMb: round1(Math.max(peak, process.memoryUsage.rss()) / MB),
      rssGrowthMb: round1(rssMb() - start.rss),
      tfjsTensorsStart: start.mem.numTensors,
      tfjsTensorsEnd: end.numTensors,
      tfjsBytesStart: start.mem.numBytes,
      tfjsBytesEnd: end.numBytes,
      ortSessionsOpen: ortSessionsOpen(),
      ortSessionsPeak: sessionsPeak,
      ortSessionsCreated: ortSessionsCreated() - start.sessions,
      perIteration,
    };
  } finally {
    clearInterval(sampler);
    await engine.dispose();
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

export const soakSuite: BenchSuite = {
  name: 'soak',
  description: 'N replays and N conversions in a row in one engine (as the server runs it): RSS, tfjs tensors and ORT sessions stay at baseline',
  async run(argv) {
    const cmd = new Command('bench soak')
      .option('--iterations <n>', 'replays and conversions each', intOption(1), 10)
      .option('--frames <n>', 'frames per replay', intOption(1), 30)
      .exitOverride();
    cmd.parse(argv, { from: 'user' });
    const o = cmd.opts<{ iterations: number; frames: number }>();
    return { ...(await soak({ iterations: o.iterations, frames: o.frames, log: (l) => process.stderr.write(l + '\n') })) };
  },
};
