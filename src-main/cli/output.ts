// How the CLI ends: exactly one JSON document on stdout with --json, human lines on stderr, and one
// `edgelab: <file>: <problem>` line on stderr for a failure. Exit codes: 0 ok, 1 failure, 2 usage, 130 Ctrl-C.
import { EdgeLabError } from '../../src-shared/protocol';

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

/** Thrown for command-line usage problems the engine never sees (exit 2). */
export class UsageError extends Error {}

export function printJson(value: unknown): Promise<void> {
  return new Promise((ok) => process.stdout.write(JSON.stringify(value, null, 2) + '\n', () => ok()));
}

export function human(lines: string | string[]): void {
  for (const l of Array.isArray(lines) ? lines : [lines]) process.stderr.write(l + '\n');
}

/** One line for any error; EdgeLabError messages already start with the file when they name one. */
export function errorLine(e: unknown): string {
  const p = EdgeLabError.toPayload(e);
  const msg = p.message.replace(/\s*\n\s*/g, ' ').trim();
  return `edgelab: ${msg}`;
}

export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return EXIT_USAGE;
  const p = EdgeLabError.toPayload(e);
  return p.code === 'CANCELLED' ? EXIT_CANCELLED : EXIT_FAIL;
}

/** Exits after stdout and stderr have drained. */
export async function exit(code: number): Promise<never> {
  await Promise.all([
    new Promise((ok) => process.stdout.write('', () => ok(undefined))),
    new Promise((ok) => process.stderr.write('', () => ok(undefined))),
  ]);
  process.exit(code);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** One compact JSON line on stdout (for streams read line by line). */
export function printJsonLine(value: unknown): Promise<void> {
  return new Promise((ok) => process.stdout.write(JSON.stringify(value) + '\n', () => ok()));
}
