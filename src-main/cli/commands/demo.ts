import type { Command } from 'commander';
import { runMethod } from '../run';
import { globals, intArg } from './args';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('import the bundled SSD detector, make fp16, replay the cup clip through both, write a report')
    .option('--out <dir>', 'report folder to create (default <workspace>/reports/demo-<time>/)')
    .option('--frames <n>', 'frames of the clip to replay', intArg(1), 80)
    .option('--json', 'print the DemoResult as JSON on stdout')
    .action((o: { out?: string; frames: number }, cmd: Command) =>
      runMethod(globals(cmd), 'demo', { frames: o.frames, ...(o.out ? { out: o.out } : {}) }, (r) => [
        ...r.report.report.comparisons.map(
          (c) => `fp16 vs fp32: F1 ${c.f1.toFixed(3)}, size ×${c.sizeRatio.toFixed(2)}, latency ×${c.latencyRatio.toFixed(2)}`,
        ),
        `Report written to ${r.outDir}`,
        ...r.report.files,
      ]),
    );
}
