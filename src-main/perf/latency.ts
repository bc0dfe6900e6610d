// `npm run bench:latency`: the workstation runner (benchmarks/runner.ts, what `edgelab bench-model` stores) on
// bundled models, one after the other on real cup.mp4 frames: init, first inference and steady-state
// mean/median/p90/std per model and runtime backend on this host, plus the importers' parse time over the
// committed tool-output fixtures (ms per file; they are small, this guards against pathological regexes).
import { Command } from 'commander';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parseBenchText } from '../benchmarks/registry';
import { benchOnHost, hostDevice } from '../benchmarks/runner';
import { silentJob } from '../jobs/context';
import { assetsRoot, bundledClipPath, bundledModelPath, findBundledClip, loadBundledModels } from '../models/catalog';
import { EdgeLabError } from '../../src-shared/protocol';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';

const round = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 1000);

async function parseTimings(): Promise<{ file: string; format: string; records: number; parseMs: number }[]> {
  const dir = join(assetsRoot(), 'tests', 'fixtures', 'bench');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out = [];
  for (const n of names.sort()) {
    const text = await fs.readFile(join(dir, n), 'utf8');
    const t0 = performance.now();
    try {
      const r = parseBenchText(text, n);
      out.push({ file: n, format: r.format, records: r.records.length, parseMs: round(performance.now() - t0)! });
    } catch {
      // broken / unknown fixtures are there on purpose
    }
  }
  return out;
}

export const latencySuite: BenchSuite = {
  name: 'latency',
  description: 'workstation latency of bundled models (edgelab bench-model) and importer parse time',
  async run(argv) {
    const program = new Command('bench latency')
      .option('--models <ids>', 'comma-separated bundled model ids (default: all)')
      .option('--runs <n>', 'timed runs per model', intOption(1), 30)
      .option('--warmup <n>', 'untimed runs after the first inference', intOption(0), 5)
      .option('--threads <n>', 'intra-op threads', intOption(1));
    program.parse(argv, { from: 'user' });
    const o = program.opts<{ models?: string; runs: number; warmup: number; threads?: number }>();
    const all = await loadBundledModels();
    const wanted = o.models ? o.models.split(',').map((s) => s.trim()) : all.map((m) => m.id);
    const clip = findBundledClip('cup');
    if (!clip) throw new EdgeLabError('NOT_FOUND', 'bundled clip cup is missing');
    const models = [];
    for (const id of wanted) {
      const m = all.find((b) => b.id === id);
      if (!m) throw new EdgeLabError('NOT_FOUND', `no bundled model ${id}`);
      const r = await benchOnHost(
        { modelFile: bundledModelPath(m), format: m.format, meta: m.meta, runs: o.runs, warmup: o.warmup, threads: o.threads, clipPath: bundledClipPath(clip), modelName: m.id, modelSha256: m.sha256 },
        silentJob,
      );
      models.push({
        id,
        runtime: r.runtime,
        delegate: r.delegate,
        initMs: round(r.initMs),
        firstInferenceMs: round(r.firstInferenceMs),
        meanMs: round(r.latencyMs.mean),
        medianMs: round(r.latencyMs.median),
        p90Ms: round(r.latencyMs.p90),
        stdMs: round(r.latencyMs.std),
        runs: r.latencyMs.count,
        memoryMb: round(r.memoryMb),
      });
    }
    return { suite: 'latency', device: hostDevice(), clip: clip.id, runs: o.runs, warmup: o.warmup, threads: o.threads ?? null, models, importers: await parseTimings() };
  },
};
