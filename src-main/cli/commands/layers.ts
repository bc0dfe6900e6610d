import type { Command } from 'commander';
import type { ArgsIn } from '../../../src-shared/api';
import { runMethod } from '../run';
import { globals, intArg } from './args';

interface LayersOptions {
  frames?: number;
  startFrame?: number;
  clip?: string;
  top?: number;
}

export function registerLayers(program: Command): void {
  program
    .command('layers')
    .description('per-layer error of a variant against its float32 model: every intermediate tensor, ranked worst first by SNR')
    .argument('<model>', 'the float32 model: file, workspace id or bundled id')
    .argument('<variant>', 'its variant: file, or workspace variant id')
    .option('--frames <n>', 'frames compared (default 4)', intArg(1))
    .option('--start-frame <n>', 'first frame compared, 0-based (default 0): e.g. the frame of a compare event', intArg(0))
    .option('--clip <clip>', 'clip, image folder or bundled clip id the frames come from (default: cup)')
    .option('--top <n>', 'rows shown in the text output (default 20; --json lists every node)', intArg(1))
    .option('--json', 'print the LayersResult as JSON on stdout')
    .action((model: string, variant: string, o: LayersOptions, cmd: Command) => {
      const args: ArgsIn<'layers'> = { model, variant, ...(o.frames !== undefined ? { frames: o.frames } : {}), ...(o.startFrame !== undefined ? { startFrame: o.startFrame } : {}), ...(o.clip ? { clip: o.clip } : {}) };
      return runMethod(globals(cmd), 'layers', args, (r) => {
        const top = r.nodes.slice(0, o.top ?? 20);
        const w = Math.min(60, Math.max(4, ...top.map((n) => n.name.length)));
        return [
          `${r.nodes.length} nodes compared on ${r.frames} frame(s) of ${r.clip}${r.simulated ? ' — variant is SIMULATED int8 (fake-quant estimate)' : ''}`,
          `${'node'.padEnd(w)}  ${'op'.padEnd(18)} ${'SNR dB'.padStart(8)} ${'drop dB'.padStart(8)} ${'cosine'.padStart(9)} ${'max|err|'.padStart(10)}`,
          ...top.map(
            (n) =>
              `${(n.name.length > w ? '…' + n.name.slice(-(w - 1)) : n.name).padEnd(w)}  ${n.op.slice(0, 18).padEnd(18)} ${n.snrDb.toFixed(1).padStart(8)} ${n.snrDropDb.toFixed(1).padStart(8)} ${n.cosine.toFixed(5).padStart(9)} ${n.maxAbsError.toPrecision(3).padStart(10)}`,
          ),
          ...(r.skipped.length ? [`${r.skipped.length} float tensor(s) of the float32 model not compared (see --json "skipped")`] : []),
        ];
      });
    });
}
