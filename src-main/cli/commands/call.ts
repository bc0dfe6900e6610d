// `edgelab call <method> --args <json|@file>`: the generic entry — any API method with its arguments as JSON, validated
// by the method's own schema (src-shared/api.ts), run with progress on stderr and Ctrl-C/SIGTERM cancellation; the
// result JSON goes to stdout. Lab steps (`edgelab run`) and exported workflows run every step through it.
import { readFileSync } from 'node:fs';
import { Argument, InvalidArgumentError, type Command } from 'commander';
import { METHOD_NAMES, type MethodName } from '../../../src-shared/api';
import { validateArgs } from '../../../src-shared/validate';
import { CALL_COMMAND } from '../../lab/step-call';
import { EXIT_USAGE, errorLine, exit, human } from '../output';
import { runMethod } from '../run';
import { globals } from './args';

/** `--args` value: a JSON object, or `@<file>` holding one. */
export function argsJson(v: string): Record<string, unknown> {
  let text = v;
  if (v.startsWith('@')) {
    try {
      text = readFileSync(v.slice(1), 'utf8');
    } catch (e) {
      throw new InvalidArgumentError(`cannot read ${v.slice(1)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InvalidArgumentError(`not JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentError('expected a JSON object');
  return parsed as Record<string, unknown>;
}

export function registerCall(program: Command): void {
  program
    .command(CALL_COMMAND)
    .description('run any API method with JSON arguments (the generic entry lab steps and exported workflows run); prints the result JSON')
    .addArgument(new Argument('<method>', 'API method (src-shared/api.ts)').choices(METHOD_NAMES))
    .option('--args <json|@file>', "the method's arguments: a JSON object, or @file holding one (default {})", argsJson)
    .option('--json', 'print the result as JSON on stdout (always: accepted like on every other command)')
    .action(async (method: MethodName, o: { args?: Record<string, unknown> }, cmd: Command) => {
      const args = o.args ?? {};
      try {
        validateArgs(method, args); // the engine validates again; a bad argument is a usage error here (exit 2)
      } catch (e) {
        human(errorLine(e));
        return exit(EXIT_USAGE);
      }
      return runMethod({ ...globals(cmd), json: true }, method, args as never, () => []);
    });
}
