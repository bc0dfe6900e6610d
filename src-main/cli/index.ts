// Entry of the `edgelab` CLI (bundled to out/main/cli.js; bin/edgelab.mjs imports it).
// stdout carries only the --json document (or `serve`'s URL line): libraries that log with console.log
// are redirected to stderr before anything else loads.
import { CommanderError } from 'commander';
import { commanderExitCode, createProgram } from './program';
import { EXIT_FAIL, errorLine, exit } from './output';
import { watchParent } from '../lab/parent-watch';

console.log = console.error;
console.info = console.error;
watchParent(); // a lab step started by `edgelab run`: stop when that runner dies

async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    if (argv.length <= 2) program.help({ error: true });
  } catch (e) {
    if (e instanceof CommanderError) await exit(commanderExitCode(e));
    process.stderr.write(errorLine(e) + '\n');
    await exit(EXIT_FAIL);
  }
}

void main(process.argv);
