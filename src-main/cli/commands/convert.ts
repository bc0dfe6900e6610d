import type { Command } from 'commander';
import { formatBytes } from '../output';
import { runMethod } from '../run';
import { globals } from './args';

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('make a variant of a model (fp16)')
    .argument('<model>', 'model file, workspace id or bundled id')
    .requiredOption('--to <kind>', 'variant kind: fp16')
    .option('--out <path>', 'write the variant here (a directory for TF.js, a .onnx file for ONNX); must not exist')
    .option('--json', 'print the ConvertResult as JSON on stdout')
    .action((model: string, o: { to: string; out?: string }, cmd: Command) =>
      runMethod(globals(cmd), 'convertModel', { model, to: o.to as 'fp16', ...(o.out ? { out: o.out } : {}) }, (r) => [
        `Variant ${r.variant.id}: ${formatBytes(r.sourceSizeBytes)} → ${formatBytes(r.sizeBytes)} (${(r.sizeBytes / r.sourceSizeBytes).toFixed(3)}×)`,
        ...(r.keptFloat.length ? [`kept float32: ${r.keptFloat.map((k) => k.name).join(', ')}`] : []),
        ...r.files,
      ]),
    );
}
