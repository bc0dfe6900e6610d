// Option value parsers shared by commands (commander turns their throws into usage errors, exit 2).
import { InvalidArgumentError, type Command } from 'commander';
import type { GlobalOptions } from '../run';

export function intArg(min: number) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return Number(v);
  };
}

export function fractionArg(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number in [0, 1]');
  return n;
}

/** Milliseconds: a finite number ≥ 0. */
export function msArg(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected milliseconds (a number >= 0)');
  return n;
}

/** A number in (0, 1]. */
export function positiveFraction(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number in (0, 1]');
  return n;
}

/** Milliseconds > 0. */
export function positiveMs(v: string): number {
  const n = msArg(v);
  if (n <= 0) throw new InvalidArgumentError('expected milliseconds > 0');
  return n;
}

/** The command's options merged with the global ones (--workspace, --json). */
export function globals<T extends object>(cmd: Command): T & GlobalOptions {
  return cmd.optsWithGlobals() as T & GlobalOptions;
}
