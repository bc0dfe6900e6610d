// Entry of `npm run bench[:<name>]` (bundled to out/main/bench.js): `bench [<suite>] [options]` runs one suite
// from suites.ts and prints its ONE JSON object on stdout; diagnostics go to stderr.
import { EdgeLabError } from '../../src-shared/protocol';
import { DEFAULT_SUITE, findSuite, SUITES } from './suites';

console.log = console.error; // keep stdout for the one JSON object
console.info = console.error;

const args = process.argv.slice(2);
const name = args[0] && !args[0].startsWith('-') ? args.shift()! : DEFAULT_SUITE;
const suite = findSuite(name);
if (!suite) {
  process.stderr.write(`bench: unknown suite '${name}' (known: ${SUITES.map((s) => s.name).join(', ')})\n`);
  process.exit(2);
}
try {
  const r = await suite.run(args);
  process.stdout.write(JSON.stringify(r) + '\n', () => process.exit(0));
} catch (e) {
  process.stderr.write(`bench ${name}: ${EdgeLabError.toPayload(e).message}\n`);
  process.exit(1);
}
