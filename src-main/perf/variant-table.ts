// `npm run bench:compare-variants`: the closing table of issue 6. Makes the fp16, uint16 and uint8 variants of the
// bundled SSD MobileNet v2, replays the first N frames of cup.mp4 with each and with float32 (detector every 3rd
// frame, tracker between, the float32 feature embedder on tracked crops), compares every variant with float32
// (pseudo ground truth) and, class-agnostic, with the hand-labelled cup (tests/fixtures/gt, first 30 frames), and
// prints one row per variant. Everything runs through a real engine over a temp workspace.
import { Command } from 'commander';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CompareResult } from '../../src-shared/types/degradation';
import { createEngine } from '../create-engine';
import { bundledModelsDir } from '../models/catalog';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';
import { peakRssMb } from './peak-rss';

const DETECTOR = 'ssd-mobilenet-v2-coco';
const EMBEDDER = 'ssd-mobilenet-v2-features';
const KINDS = ['fp16', 'uint16', 'uint8'] as const;

/** The hand-labelled first 30 frames of cup.mp4 (COCO JSON, provenance in README). */
export function defaultLabels(): string {
  return join(dirname(bundledModelsDir()), 'tests', 'fixtures', 'gt', 'cup-first30.coco.json');
}

function row(vsFp32: CompareResult, vsLabels: CompareResult) {
  const { detection: d, tracking: t, experience: e, embedding: m } = vsFp32;
  return {
    map50: d.map50,
    map: d.map,
    mota: t.mota,
    idf1: t.idf1,
    hota: t.hota,
    idSwitches: t.idSwitches,
    flickerPerMin: e.flickerPerMin,
    jitter: e.jitter,
    timeToFirstBoxMs: e.timeToFirstBoxMs,
    lagFrames: e.lagFrames,
    labelFlips: e.labelFlips,
    cosineMean: m.cosineMean,
    topkOverlap: m.topkOverlap,
    events: vsFp32.events.length,
    gtMap50: vsLabels.detection.map50,
    gtMap: vsLabels.detection.map,
    gtMota: vsLabels.tracking.mota,
    gtHota: vsLabels.tracking.hota,
    pass: vsFp32.verdict.pass,
  };
}

export const compareVariantsSuite: BenchSuite = {
  name: 'compare-variants',
  description: 'SSD fp32/fp16/uint16/uint8 on cup.mp4: compare each variant with float32 and with the labelled cup',
  async run(argv) {
    const program = new Command('bench compare-variants')
      .option('--frames <n>', 'frames of cup.mp4 replayed', intOption(1), 60)
      .option('--detect-every <n>', 'detector cadence, frames', intOption(1), 3)
      .option('--gt <file>', 'labels file (class-agnostic scoring)', defaultLabels())
      .exitOverride();
    program.parse(argv, { from: 'user' });
    const o = program.opts() as { frames: number; detectEvery: number; gt: string };
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-compare-variants-'));
    const engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'cli' });
    try {
      const m = await engine.importModel({ source: DETECTOR });
      const models: { kind: string; id: string; sizeBytes: number }[] = [{ kind: 'fp32', id: m.id, sizeBytes: m.sizeBytes }];
      for (const kind of KINDS) {
        const v = await engine.convertModel({ model: m.id, to: kind });
        models.push({ kind, id: v.variant.id, sizeBytes: v.variant.sizeBytes });
      }
      const runs = new Map<string, { id: string; replayMs: number; inferenceMsMean: number }>();
      for (const x of models) {
        const t0 = performance.now();
        const r = await engine.replay({ model: x.id, clip: 'cup', frames: o.frames, detectEvery: o.detectEvery, embedder: EMBEDDER, thumbnailSize: 0 });
        runs.set(x.kind, { id: r.id, replayMs: Math.round(performance.now() - t0), inferenceMsMean: r.inferenceMsMean });
      }
      const base = runs.get('fp32')!.id;
      const variants: Record<string, unknown> = {};
      let compareMs = 0;
      for (const x of models) {
        const t0 = performance.now();
        const vsFp32 = await engine.compare({ baseline: base, variant: runs.get(x.kind)!.id });
        const vsLabels = await engine.compare({ baseline: base, variant: runs.get(x.kind)!.id, gt: o.gt, classAgnostic: true });
        compareMs += performance.now() - t0;
        const run = runs.get(x.kind)!;
        variants[x.kind] = { ...row(vsFp32, vsLabels), sizeBytes: x.sizeBytes, inferenceMsMean: +run.inferenceMsMean.toFixed(1), replayMs: run.replayMs };
      }
      return {
        suite: 'compare-variants',
        model: DETECTOR,
        clip: 'cup',
        frames: o.frames,
        detectEvery: o.detectEvery,
        embedder: EMBEDDER,
        labels: { file: o.gt, classAgnostic: true },
        variants,
        compareMsTotal: Math.round(compareMs),
        peakRssMB: peakRssMb(),
      };
    } finally {
      await engine.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
