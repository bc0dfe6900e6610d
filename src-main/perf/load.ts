// `npm run bench:load`: N concurrent replays through the local server (startServer, the engine in its worker thread,
// confined to a temp workspace), each a real HTTP call on 127.0.0.1 streaming NDJSON. Prints one JSON object:
//   jobs, frames, model, maxJobs (the engine's bound, from the queue's progress), wallMs, failed;
//   queuedMax (most calls waiting at once, as the queue reported), p95QueueWaitMs / maxQueueWaitMs / meanQueueWaitMs
//   (time each call spent in the queue, from its 'started' progress; 0 when it never waited), p95JobMs (request → result);
//   rssStartMb (server up, idle), rssWarmMb (after one warm-up replay), peakRssMb (highest sample every 100 ms
//   during the burst), rssAfterMb (2 s after the burst), engineJobs / engineMemory (getInfo after the burst: the
//   queue's own queuedMax and started count; ORT sessions open, tfjs tensors, wasm heap);
//   cpu, cpus, node.
// RSS is this process's: the server and its engine worker share it.
import { Command } from 'commander';
import { promises as fs } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineInfo } from '../../src-shared/api';
import type { EngineMessage, Progress } from '../../src-shared/protocol';
import { startServer, type RunningServer } from '../server/server';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';

const MB = 1024 * 1024;
const round1 = (x: number) => Math.round(x * 10) / 10;
const rssMb = () => round1(process.memoryUsage.rss() / MB);

export interface LoadOptions {
  jobs: number;
  frames: number;
  model: string;
  clip: string;
  /** The engine's job bound; absent = its default (cores and free memory). */
  maxJobs?: number;
  /** 'worker' (as `edgelab serve` runs) or 'inline' (tests: no build needed). */
  engine?: 'worker' | 'inline';
  log?: (line: string) => void;
}

interface CallOutcome {
  ok: boolean;
  error?: string;
  ms: number;
  waitedMs: number;
  progress: Progress[];
  result?: unknown;
}

/** One API call over HTTP, reading the NDJSON stream to its result or error. */
async function call(server: RunningServer, method: string, args: unknown): Promise<CallOutcome> {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${server.port}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const progress: Progress[] = [];
  if (!res.ok) return { ok: false, error: `HTTP ${res.status}: ${await res.text()}`, ms: performance.now() - t0, waitedMs: 0, progress };
  const text = await res.text();
  let outcome: CallOutcome = { ok: false, error: 'no reply', ms: 0, waitedMs: 0, progress };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as EngineMessage;
    if (m.type === 'progress') progress.push(m.progress);
    else if (m.type === 'result') outcome = { ...outcome, ok: true, error: undefined, result: m.result };
    else outcome = { ...outcome, ok: false, error: `${m.error.code}: ${m.error.message}` };
  }
  const started = progress.find((p) => p.stage === 'started' && p.queue);
  return { ...outcome, ms: performance.now() - t0, waitedMs: started?.queue?.waitedMs ?? 0 };
}

function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

export async function load(o: LoadOptions): Promise<Record<string, unknown>> {
  const log = o.log ?? (() => {});
  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-load-'));
  const server = await startServer({ workspaceDir: join(scratch, 'ws'), engine: o.engine ?? 'worker', maxJobs: o.maxJobs });
  const args = { model: o.model, clip: o.clip, frames: o.frames, thumbnailSize: 0 };
  try {
    const rssStartMb = rssMb();
    log(`load: warm-up replay (${o.model}, ${o.frames} frames)`);
    const warm = await call(server, 'replay', args);
    if (!warm.ok) throw new Error(`warm-up replay failed: ${warm.error}`);
    const rssWarmMb = rssMb();
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
    log(`load: ${o.jobs} concurrent replays`);
    const t0 = performance.now();
    let outcomes: CallOutcome[];
    try {
      outcomes = await Promise.all(Array.from({ length: o.jobs }, () => call(server, 'replay', args)));
    } finally {
      clearInterval(sampler);
    }
    const wallMs = Math.round(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage.rss());
    await new Promise((r) => setTimeout(r, 2000));
    const info = (await call(server, 'getInfo', {})).result as EngineInfo | undefined;
    const queueStates = outcomes.flatMap((c) => c.progress.map((p) => p.queue).filter((q) => q !== undefined));
    const waits = outcomes.map((c) => c.waitedMs);
    const failed = outcomes.filter((c) => !c.ok);
    for (const f of failed.slice(0, 3)) log(`load: a replay failed: ${f.error}`);
    return {
      jobs: o.jobs,
      frames: o.frames,
      model: o.model,
      clip: o.clip,
      maxJobs: queueStates[0]?.limit ?? o.maxJobs ?? null,
      failed: failed.length,
      wallMs,
      peakRssMb: round1(peak / MB),
      rssStartMb,
      rssWarmMb,
      rssAfterMb: rssMb(),
      queuedMax: queueStates.reduce((m, q) => Math.max(m, q.waiting), 0),
      p95QueueWaitMs: Math.round(percentile(waits, 0.95)),
      maxQueueWaitMs: Math.round(waits.reduce((m, w) => Math.max(m, w), 0)),
      meanQueueWaitMs: Math.round(waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length)),
      p95JobMs: Math.round(percentile(outcomes.map((c) => c.ms), 0.95)),
      engineJobs: info?.jobs ?? null,
      engineMemory: info?.memory ?? null,
      cpu: cpus()[0]?.model ?? 'unknown',
      cpus: cpus().length,
      node: process.version,
    };
  } finally {
    await server.close();
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

export const loadSuite: BenchSuite = {
  name: 'load',
  description: 'N concurrent replays through the local server: queue bound, queue waits, peak RSS and RSS after the burst',
  async run(argv) {
    const cmd = new Command('bench load')
      .option('--jobs <n>', 'concurrent replays', intOption(1), 20)
      .option('--frames <n>', 'frames per replay (from the start of the clip)', intOption(1), 10)
      .option('--model <id>', 'bundled model id', 'ssd-mobilenet-v2-coco-onnx')
      .option('--clip <id>', 'bundled clip id', 'cup')
      .option('--max-jobs <n>', "the engine's job bound (default: from cores and free memory)", intOption(1))
      .exitOverride();
    cmd.parse(argv, { from: 'user' });
    const o = cmd.opts<{ jobs: number; frames: number; model: string; clip: string; maxJobs?: number }>();
    return load({ ...o, log: (l) => process.stderr.write(l + '\n') });
  },
};
