import type { Command } from 'commander';
import { formatBytes } from '../output';
import { metaText } from '../../../src-shared/model-meta-text';
import { runMethod } from '../run';
import { globals } from './args';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('copy a model into the workspace (same content imported twice gives the same entry)')
    .argument('<model>', 'model file (.onnx or model.json) or bundled id')
    .option('--name <name>', 'display name')
    .option('--json', 'print the ModelEntry as JSON on stdout')
    .action((source: string, o: { name?: string }, cmd: Command) =>
      runMethod(globals(cmd), 'importModel', { source, ...(o.name ? { name: o.name } : {}) }, (r) => [
        `Imported ${r.name} as ${r.id} (${r.format}, ${formatBytes(r.sizeBytes)})`,
        // No metadata: replay will refuse it until a sidecar says how to read it; say what fits.
        ...(r.meta ? [] : metaText(r).map(([k, v]) => (k ? `${k}: ${v}` : `  ${v}`))),
      ]),
    );
}
