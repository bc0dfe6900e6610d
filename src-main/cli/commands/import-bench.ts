import type { Command } from 'commander';
import { runMethod } from '../run';
import { globals } from './args';

const ms = (x: number | undefined) => (x === undefined ? '–' : x < 10 ? x.toFixed(3) : x.toFixed(1));

export function registerImportBench(program: Command): void {
  program
    .command('import-bench')
    .description('import benchmark-tool outputs (TFLite benchmark_model, its op-profiling CSV, onnxruntime_perf_test, ORT profiles, EdgeLab template) as latency records')
    .argument('<file...>', 'tool outputs; the format is detected from the content')
    .option('--device <name>', 'device name when the file does not say it')
    .option('--variant <id>', 'workspace model/variant id (or bundled id) to link the records to')
    .option('--json', 'print { records, warnings } as JSON on stdout')
    .action((files: string[], o: { device?: string; variant?: string }, cmd: Command) =>
      runMethod(globals(cmd), 'importBench', { files, ...(o.device ? { device: o.device } : {}), ...(o.variant ? { variant: o.variant } : {}) }, (r) => [
        ...r.records.map(
          (x) =>
            `${x.format.padEnd(18)} ${x.device} · ${x.delegate} · ${x.variantId ?? x.model}: mean ${ms(x.latencyMs.mean)} ms` +
            `${x.latencyMs.p90 !== undefined ? `, p90 ${ms(x.latencyMs.p90)} ms` : ''}${x.latencyMs.count !== undefined ? `, n=${x.latencyMs.count}` : ''}`,
        ),
        `${r.records.length} record(s) imported`,
        ...r.warnings.map((w) => `warning: ${w}`),
      ]),
    );
}
