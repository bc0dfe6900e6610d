// Runs one engine method in-process for a CLI command: builds the engine (host 'cli', open paths),
// wires Ctrl-C to cancellation, shows progress on stderr, prints the result, exits.
import type { ArgsIn, MethodName, Results } from '../../src-shared/api';
import type { Engine } from '../create-engine';
import { createProgressSink, type ProgressSink } from './progress';
import { onStopSignal } from './signals';
import { EXIT_CANCELLED, EXIT_OK, errorLine, exit, exitCodeOf, human, printJson } from './output';

export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
}

export async function openEngine(g: GlobalOptions): Promise<Engine> {
  // Loaded on demand so that --help and usage errors do not pay for runtimes (tfjs, onnxruntime).
  const { createEngine } = await import('../create-engine');
  return createEngine({ workspaceDir: g.workspace, host: 'cli', pathPolicy: 'open' });
}

/**
 * Calls `method` with `args`; prints the result as JSON (--json) or as `describe(result)` lines on
 * stderr; exits 0, or 1/130 with one error line.
 */
export async function runMethod<M extends MethodName>(
  g: GlobalOptions,
  method: M,
  args: ArgsIn<M>,
  describe: (r: Results[M]) => string[],
  /** Exit code of a successful call (default 0), e.g. a failed CI gate. */
  exitCodeOfResult: (r: Results[M]) => number = () => EXIT_OK,
  /** Progress display (default: one bar or plain lines on stderr). */
  progressSink: () => ProgressSink = createProgressSink,
): Promise<never> {
  const ac = new AbortController();
  let interrupted = false;
  // First Ctrl-C/SIGTERM cancels; a second one, or the grace period, exits at once (signals.ts).
  onStopSignal(() => {
    interrupted = true;
    process.stderr.write('\ncancelling…\n');
    ac.abort();
  });
  const progress = progressSink();
  let engine: Engine | undefined;
  try {
    engine = await openEngine(g);
    const call = engine[method] as unknown as (a: ArgsIn<M>, o: unknown) => Promise<Results[M]>;
    const result = await call(args, { signal: ac.signal, onProgress: (p: Parameters<typeof progress.update>[0]) => progress.update(p) });
    progress.stop();
    if (g.json) await printJson(result);
    else human(describe(result));
    await engine.dispose();
    return exit(exitCodeOfResult(result));
  } catch (e) {
    progress.stop();
    human(interrupted ? 'edgelab: cancelled' : errorLine(e));
    await engine?.dispose().catch(() => {});
    return exit(interrupted ? EXIT_CANCELLED : exitCodeOf(e));
  }
}
