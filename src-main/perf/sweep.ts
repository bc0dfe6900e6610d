// `npm run bench:sweep`: the cadence sweep (engine `sweep`) of the bundled SSD ONNX on vtest.avi, printed as the
// sweep JSON plus { wallMs, singleReplayMs, ratio }: the wall time of the whole sweep, of one every-frame replay with
// the same settings (timed first, in the same temp workspace), and their ratio. The detector runs once per frame
// (the other cadences reuse the reference's boxes, engine/sweep.ts); the decode is not shared, so each extra cadence
// costs a decode + track + write of the clip.
import { Command } from 'commander';
import { promises as fs } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../create-engine';
import { cadenceListArg } from '../cli/commands/sweep';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';

export const sweepSuite: BenchSuite = {
  name: 'sweep',
  description: 'cadence sweep of the SSD ONNX on vtest.avi: sweep JSON + wall time vs one every-frame replay',
  async run(argv) {
    const program = new Command('bench sweep')
      .option('--model <id>', 'model (bundled id or path)', 'ssd-mobilenet-v2-coco-onnx')
      .option('--clip <id>', 'clip (bundled id or path)', 'vtest')
      .option('--frames <n>', 'frames from the start (0 = all)', intOption(0), 0)
      .option('--cadence <list>', 'cadences', cadenceListArg, [1, 2, 3, 5, 8, 'motion'])
      .option('--fail-on <gates>', 'gates per row (default: compare verdict gates)')
      .option('--class-agnostic', 'ignore classes when matching boxes')
      .option('--thumbnail-size <px>', 'stored thumbnails, 0 = none', intOption(0), 0)
      .exitOverride();
    program.parse(argv, { from: 'user' });
    const o = program.opts<{ model: string; clip: string; frames: number; cadence: (number | 'motion')[]; failOn?: string; classAgnostic?: boolean; thumbnailSize: number }>();
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-sweep-'));
    try {
      const engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'cli' });
      const t0 = performance.now();
      await engine.replay({ model: o.model, clip: o.clip, frames: o.frames, thumbnailSize: o.thumbnailSize });
      const singleReplayMs = performance.now() - t0;
      const t1 = performance.now();
      const r = await engine.sweep({
        model: o.model,
        clip: o.clip,
        frames: o.frames,
        cadences: o.cadence,
        thumbnailSize: o.thumbnailSize,
        ...(o.failOn ? { failOn: o.failOn } : {}),
        ...(o.classAgnostic ? { classAgnostic: true } : {}),
      });
      const wallMs = performance.now() - t1;
      await engine.dispose();
      return {
        suite: 'sweep',
        model: o.model,
        clip: o.clip,
        ...r,
        wallMs: Math.round(wallMs),
        singleReplayMs: Math.round(singleReplayMs),
        ratio: +(wallMs / singleReplayMs).toFixed(2),
        replays: o.cadence.length + (o.cadence.includes(1) ? 0 : 1),
        sharedDecode: false,
        sharedDetections: true,
        cpu: cpus()[0]?.model ?? 'unknown',
        cpus: cpus().length,
        node: process.version,
      };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
