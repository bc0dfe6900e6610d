// `models` and `runs`: list the workspace's entries.
import type { Command } from 'commander';
import { runName } from '../../../src-shared/run-name';
import { formatBytes } from '../output';
import { runMethod } from '../run';
import { globals } from './args';

export function registerLists(program: Command): void {
  program
    .command('models')
    .description('list the workspace\'s models and their variants')
    .option('--json', 'print the ModelEntry list as JSON on stdout')
    .action((_o: unknown, cmd: Command) =>
      runMethod(globals(cmd), 'listModels', {}, (list) =>
        list.length === 0
          ? ['No models in the workspace (edgelab import <model>).']
          : list.flatMap((m) => [
              `${m.id}  ${m.name}  ${m.format}  ${formatBytes(m.sizeBytes)}`,
              ...m.variants.map((v) => `  └ ${v.id}  ${v.kind}  ${formatBytes(v.sizeBytes)}`),
            ]),
      ),
    );
  program
    .command('runs')
    .description('list the workspace\'s runs')
    .option('--json', 'print the RunSummary list as JSON on stdout')
    .action((_o: unknown, cmd: Command) =>
      runMethod(globals(cmd), 'listRuns', {}, (list) =>
        list.length === 0
          ? ['No runs in the workspace (edgelab replay …).']
          : list.map((r) => `${r.id}  ${runName(r)}${r.lab ? ` (lab ${r.lab.name})` : ''}  ${r.frames} frames  ${r.inferenceMsMean.toFixed(1)} ms  ${r.dir}`),
      ),
    );
}
