import { InvalidArgumentError, type Command } from 'commander';
import { argSchemas, type ArgsIn } from '../../../src-shared/api';
import { runMethod } from '../run';
import { globals, intArg } from './args';

type Runtime = NonNullable<ArgsIn<'benchModel'>['runtime']>;
/** The benchModel schema's runtimes. */
const RUNTIMES: readonly string[] = argSchemas.benchModel.shape.runtime.unwrap().options;

function runtimeArg(v: string): Runtime {
  if (!RUNTIMES.includes(v)) throw new InvalidArgumentError(`expected ${RUNTIMES.join(' or ')}`);
  return v as Runtime;
}

export function registerBenchModel(program: Command): void {
  program
    .command('bench-model')
    .description('measure a model on this machine (real frames of the bundled clip) and store a latency record')
    .argument('<model>', 'model file, workspace model/variant id or bundled id')
    .option('--runtime <name>', `${RUNTIMES.join(' | ')} (must read the model's format)`, runtimeArg)
    .option('--threads <n>', 'intra-op threads', intArg(1))
    .option('--runs <n>', 'timed runs', intArg(1), 50)
    .option('--warmup <n>', 'untimed runs after the first inference', intArg(0), 5)
    .option('--json', 'print the LatencyRecord as JSON on stdout')
    .action((model: string, o: { runtime?: Runtime; threads?: number; runs: number; warmup: number }, cmd: Command) =>
      runMethod(
        globals(cmd),
        'benchModel',
        { model, runs: o.runs, warmup: o.warmup, ...(o.runtime ? { runtime: o.runtime } : {}), ...(o.threads ? { threads: o.threads } : {}) },
        (r) => [
          `${r.device} · ${r.runtime} ${r.runtimeVersion ?? ''} · ${r.delegate}${r.threads ? ` · ${r.threads} threads` : ''}`,
          `${r.variantId ?? r.model}: mean ${r.latencyMs.mean.toFixed(2)} ms, median ${r.latencyMs.median?.toFixed(2)}, p90 ${r.latencyMs.p90?.toFixed(2)}, n=${r.latencyMs.count}`,
          `init ${r.initMs?.toFixed(1)} ms, first inference ${r.firstInferenceMs?.toFixed(1)} ms, memory +${r.memoryMb?.toFixed(1)} MB`,
          `record ${r.id}`,
        ],
      ),
    );
}
