// What a lab step runs: one API method and its arguments, `{ method, args }`, in the API's own vocabulary
// (src-shared/api.ts) and validated by the method's own zod schema when planned — so the lab spec, the CLI, the UI
// and the workflow export share one set of names. Every step runs through ONE generic CLI entry,
// `edgelab call <method> --args <json> --json` (cli/commands/call.ts): its stdout is the method's result JSON.
//
// Placeholders (the contract shared by the local runner and the workflow export), in any string of `args`:
// - `{{out}}` is the step's own output folder (empty when the step starts);
// - `{{step:<id>}}` is the output folder of dependency <id> (always listed in the step's `deps`);
// - every other relative path is relative to the spec's folder (the step's working directory).
import { argSchemas, type ArgsIn, type MethodName } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';

/** One API call: the method and its arguments as callers write them (defaults optional). */
export type StepCall = { [M in MethodName]: { method: M; args: ArgsIn<M> } }[MethodName];

/** Name of the generic CLI entry (`edgelab call`). */
export const CALL_COMMAND = 'call';

/** `{ method, args }` after checking `args` against the method's schema (placeholders are plain strings there). */
export function stepCall<M extends MethodName>(method: M, args: ArgsIn<M>): { method: M; args: ArgsIn<M> } {
  const r = argSchemas[method].safeParse(args);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new EdgeLabError('INTERNAL', `lab step ${method}: ${first?.path.join('.') || 'arguments'}: ${first?.message ?? 'invalid'}`);
  }
  return { method, args };
}

/** The generic entry's command line for a call (after `edgelab [--workspace W]`). */
export function callArgv(c: StepCall): string[] {
  return [CALL_COMMAND, c.method, '--args', JSON.stringify(c.args), '--json'];
}

/** Every `{{step:<id>}}` a call refers to, in order of appearance. */
export function placeholderDeps(c: StepCall): string[] {
  return [...JSON.stringify(c.args).matchAll(/\{\{step:([^}]+)\}\}/g)].map((m) => m[1] as string);
}

function substitute(v: unknown, out: string, dep: (id: string) => string): unknown {
  if (typeof v === 'string') return v.replace(/\{\{out\}\}/g, () => out).replace(/\{\{step:([^}]+)\}\}/g, (_, id: string) => dep(id));
  if (Array.isArray(v)) return v.map((x) => substitute(x, out, dep));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, out, dep)]));
  return v;
}

/** The call with its placeholders replaced: `{{out}}` → out, `{{step:<id>}}` → dep(<id>). */
export function resolveCall<C extends StepCall>(c: C, out: string, dep: (id: string) => string): C {
  return { ...c, args: substitute(c.args, out, dep) } as C;
}
