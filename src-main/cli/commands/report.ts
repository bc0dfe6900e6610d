import type { Command } from 'commander';
import { runMethod } from '../run';
import { globals } from './args';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('compare runs (the first is the baseline) and write a report')
    .argument('<run-dir...>', 'run directories or workspace run ids')
    .requiredOption('--format <format>', 'html or json')
    .requiredOption('--out <file>', 'report file to write')
    .option('--title <title>', 'report title')
    .option('--json', 'print the ReportResult as JSON on stdout')
    .action((runs: string[], o: { format: string; out: string; title?: string }, cmd: Command) =>
      runMethod(
        globals(cmd),
        'report',
        { runs, format: o.format as 'html', out: o.out, ...(o.title ? { title: o.title } : {}) },
        (r) => [
          ...r.report.comparisons.map(
            (c) => `${c.variantRunId} vs ${c.baselineRunId}: F1 ${c.f1.toFixed(3)}, size ×${c.sizeRatio.toFixed(2)}, latency ×${c.latencyRatio.toFixed(2)}`,
          ),
          `Report written to ${r.files.join(', ')}`,
        ],
      ),
    );
}
