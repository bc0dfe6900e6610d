// `npm run bench:compare`: time and peak RSS of `compare` on two 10-minute runs (default 25 fps → 15 000 frames).
// The runs are synthetic (a real 10-minute replay takes ~30 min of detector time here): several objects moving
// along smooth paths with tracks and embeddings; the variant adds box noise, dropped boxes (flicker), periodic
// id switches and perturbed embeddings. Written as real run directories and compared through the engine, so
// run.json parsing and embeddings.f32 reading are timed too.
import { Command } from 'commander';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Box, Detection, EmbeddingItem, FrameRecord, RunFile } from '../../src-shared/formats/run';
import { RUN_EMBEDDINGS_FILE, RUN_FILE, RUN_SCHEMA } from '../../src-shared/formats/run';
import { createEngine } from '../create-engine';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';
import { mulberry32 as rng } from '../../src-shared/random';
import { peakRssMb } from './peak-rss';


interface Opts {
  minutes: number;
  fps: number;
  objects: number;
  dims: number;
}

function synthRun(o: Opts, variant: boolean): { run: RunFile; vectors: Float32Array } {
  const r = rng(variant ? 2 : 1);
  const shared = rng(7); // paths and embeddings identical in both runs
  const n = Math.round(o.minutes * 60 * o.fps);
  const paths = Array.from({ length: o.objects }, () => ({ cx: shared(), cy: shared(), ax: 0.1 + 0.2 * shared(), ph: 6 * shared(), w: 0.08 + 0.15 * shared() }));
  const protos = paths.map(() => Float32Array.from({ length: o.dims }, () => shared() - 0.5));
  const frames: FrameRecord[] = [];
  const items: EmbeddingItem[] = [];
  const vecs: number[] = [];
  for (let i = 0; i < n; i++) {
    const dets: Detection[] = [];
    paths.forEach((p, k) => {
      if (variant && r() < 0.02) return; // dropped box → flicker
      const t = i / o.fps;
      const jit = variant ? (r() - 0.5) * 0.01 : 0;
      const cx = Math.min(0.85, Math.max(0.15, p.cx + p.ax * Math.sin(t / 5 + p.ph))) + jit;
      const cy = Math.min(0.85, Math.max(0.15, p.cy)) + jit;
      const box: Box = [cx - p.w / 2, cy - p.w / 2, cx + p.w / 2, cy + p.w / 2];
      const trackId = variant ? k + 1 + o.objects * Math.floor(i / 2000) : k + 1; // variant: id switch every 2000 frames
      dets.push({ box, score: 0.8, classId: 1, label: 'person', source: i % 3 === 0 ? 'detected' : 'propagated', trackId, confirmed: true });
      if (i % 100 === k) {
        const v = protos[k].map((x) => x + (variant ? (r() - 0.5) * 0.05 : 0));
        const norm = Math.hypot(...v);
        items.push({ row: items.length, trackId, frame: i, ptsMs: (i * 1000) / o.fps, box, reason: 'confirmed', cropWidth: 64, cropHeight: 64, bytes: { float32: 4 * o.dims, float16: 2 * o.dims, int8: o.dims + 4, jpeg: 3000 } });
        for (const x of v) vecs.push(x / norm);
      }
    });
    frames.push({ index: i, ptsMs: (i * 1000) / o.fps, detected: i % 3 === 0, detections: dets, timings: { decodeMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } });
  }
  const model = { name: 'synthetic', path: 'synthetic', sha256: '0', format: 'onnx' as const, variantKind: variant ? 'uint8' : 'fp32', sizeBytes: 1, runtime: 'none', backend: 'none' };
  const run: RunFile = {
    schema: RUN_SCHEMA,
    version: 2,
    id: variant ? 'variant' : 'baseline',
    createdAt: new Date(0).toISOString(),
    model,
    clip: { path: 'synthetic', name: 'synthetic', sha256: 'clip', width: 1280, height: 720, fps: o.fps, durationMs: (n * 1000) / o.fps },
    settings: { maxFrames: 0, detectEvery: 3, scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 50, thumbnailSize: 0 },
    thumbnails: null,
    frames,
    summary: { frames: n, inferenceMsMean: 0, inferenceMsP50: 0, inferenceMsP90: 0, wallMsPerFrame: 0, detectionsPerFrame: 0, firstBoxFrame: 0, firstBoxMs: 0 },
    embeddings: {
      file: RUN_EMBEDDINGS_FILE,
      dtype: 'float32',
      dims: o.dims,
      count: items.length,
      normalized: true,
      model: { name: 'synthetic', path: 'synthetic', sha256: '0', format: 'onnx', runtime: 'none', backend: 'none', output: 'emb' },
      items,
      meanBytes: { float32: 4 * o.dims, float16: 2 * o.dims, int8: o.dims + 4, jpeg: 3000 },
    },
  };
  return { run, vectors: Float32Array.from(vecs) };
}

async function writeRun(dir: string, r: { run: RunFile; vectors: Float32Array }): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(join(dir, RUN_FILE), JSON.stringify(r.run));
  await fs.writeFile(join(dir, RUN_EMBEDDINGS_FILE), Buffer.from(r.vectors.buffer, r.vectors.byteOffset, r.vectors.byteLength));
}

export const compareSuite: BenchSuite = {
  name: 'compare',
  description: 'compare of two synthetic 10-minute runs: wall time and peak RSS',
  async run(argv) {
    const program = new Command('bench compare')
      .option('--minutes <n>', 'run length, minutes', intOption(1), 10)
      .option('--fps <n>', 'frames per second', intOption(1), 25)
      .option('--objects <n>', 'objects on screen', intOption(1), 6)
      .exitOverride();
    program.parse(argv, { from: 'user' });
    const opts = { ...(program.opts() as Omit<Opts, 'dims'>), dims: 128 };
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-compare-'));
    try {
      await writeRun(join(dir, 'base'), synthRun(opts, false));
      await writeRun(join(dir, 'variant'), synthRun(opts, true));
      const engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'cli' });
      const t0 = performance.now();
      const r = await engine.compare({ baseline: join(dir, 'base'), variant: join(dir, 'variant') });
      const compareMs = performance.now() - t0;
      await engine.dispose();
      return {
        suite: 'compare',
        frames: r.frames,
        minutes: opts.minutes,
        objects: opts.objects,
        compareMs: Math.round(compareMs),
        peakRssMB: peakRssMb(),
        map50: r.detection.map50,
        mota: r.tracking.mota,
        idSwitches: r.tracking.idSwitches,
        hota: r.tracking.hota,
        flickerPerMin: r.experience.flickerPerMin,
        cosineMean: r.embedding.cosineMean,
        events: r.events.length,
      };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
