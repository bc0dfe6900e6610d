import type { Command } from 'commander';
import { runMethod } from '../run';
import { fractionArg, globals, intArg } from './args';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay a clip through a detector and write a run directory')
    .requiredOption('--model <model>', 'model file, workspace model/variant id or bundled id')
    .requiredOption('--clip <video>', 'video file or bundled clip id')
    .option('--frames <n>', 'frames from the start of the clip (0 = all)', intArg(0), 0)
    .option('--detect-every <n>', 'run the detector on every Nth frame', intArg(1), 1)
    .option('--score <t>', 'score threshold in [0,1]', fractionArg, 0.3)
    .requiredOption('--out <run-dir>', 'run directory to create (must not exist)')
    .option('--json', 'print the RunSummary as JSON on stdout')
    .action((o: { model: string; clip: string; frames: number; detectEvery: number; score: number; out: string }, cmd: Command) =>
      runMethod(
        globals(cmd),
        'replay',
        { model: o.model, clip: o.clip, frames: o.frames, detectEvery: o.detectEvery, scoreThreshold: o.score, out: o.out },
        (r) => [
          `Run ${r.id}: ${r.frames} frames, inference ${r.inferenceMsMean.toFixed(1)} ms mean (p90 ${r.inferenceMsP90.toFixed(1)}), ` +
            `${r.wallMsPerFrame.toFixed(1)} ms/frame wall, ${r.detectionsPerFrame.toFixed(2)} boxes/frame`,
          `Run written to ${r.dir}`,
        ],
      ),
    );
}
