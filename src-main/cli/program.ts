// The `edgelab` command line: commander program with the global --workspace option and one
// registration function per command (commands/*.ts).
import { Command, CommanderError } from 'commander';
import { appPackage } from '../engine/app-root';
import { registerBenchModel } from './commands/bench-model';
import { registerCall } from './commands/call';
import { registerCompare } from './commands/compare';
import { registerConvert } from './commands/convert';
import { registerDemo } from './commands/demo';
import { registerExportWorkflow } from './commands/export-workflow';
import { registerImport } from './commands/import';
import { registerImportBench } from './commands/import-bench';
import { registerInspect } from './commands/inspect';
import { registerLatency } from './commands/latency';
import { registerLayers } from './commands/layers';
import { registerLists } from './commands/lists';
import { registerPredict } from './commands/predict';
import { registerReplay } from './commands/replay';
import { registerReport } from './commands/report';
import { registerRun } from './commands/run';
import { registerServe } from './commands/serve';
import { registerSweep } from './commands/sweep';
import { EXIT_USAGE } from './output';

const COMMANDS: ((p: Command) => void)[] = [
  registerInspect,
  registerImport,
  registerConvert,
  registerLayers,
  registerReplay,
  registerSweep,
  registerReport,
  registerLists,
  registerDemo,
  registerServe,
  registerImportBench,
  registerLatency,
  registerBenchModel,
  registerPredict,
  registerCompare,
  registerRun,
  registerExportWorkflow,
  registerCall,
];

export function createProgram(): Command {
  const program = new Command('edgelab')
    .description('EdgeLab: convert, replay and compare mobile vision models')
    .version(appPackage().version)
    .option('--workspace <dir>', 'workspace folder (default $EDGELAB_WORKSPACE or ~/.edgelab/workspace)')
    .showSuggestionAfterError(true);
  for (const register of COMMANDS) register(program);
  // Usage errors: one `edgelab: <problem>` line on stderr, exit 2 (help and version exit 0 on stdout).
  const configure = (c: Command) => {
    c.exitOverride((err: CommanderError) => {
      throw err;
    });
    c.configureOutput({
      writeErr: (s) => {
        const line = s.split('\n').find((l) => l.trim() !== '') ?? s;
        if (/^error:/i.test(line)) process.stderr.write(`edgelab: ${line.replace(/^error:\s*/i, '')}\n`);
        else process.stderr.write(s);
      },
      outputError: (s, write) => write(s),
    });
    for (const sub of c.commands) configure(sub);
  };
  configure(program);
  return program;
}

/** Exit code for a CommanderError (help/version → 0, anything else → 2). */
export function commanderExitCode(e: CommanderError): number {
  return e.exitCode === 0 ? 0 : EXIT_USAGE;
}
