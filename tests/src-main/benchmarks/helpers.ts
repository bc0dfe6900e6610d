// Shared by the benchmark tests: fixture paths and text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'bench');
export const fixture = (name: string): string => join(FIXTURES, name);
export const fixtureText = (name: string): string => readFileSync(fixture(name), 'utf8');
/** 1-based line number of the first line containing `needle` in fixture `name`. */
export function lineOf(name: string, needle: string, from = 1): number {
  const lines = fixtureText(name).split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`${needle} not in ${name}`);
}
