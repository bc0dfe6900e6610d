// One lab step as a child `edgelab` process (the same `edgelab call` argv the workflow export runs in a container):
// real parallelism across cores, a crash or OOM of one step does not take the runner down, and SIGKILL of the runner
// cannot leave a step half-published (children watch their parent, see parent-watch.ts, and clean up on SIGTERM).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { PARENT_PID_ENV } from './parent-watch';

/** The bundled CLI entry (built by `npm run build`) of the EdgeLab package at `appRoot` (the engine passes it in). */
export function cliEntry(appRoot: string): string {
  const entry = join(appRoot, 'out', 'main', 'cli.js');
  if (!existsSync(entry)) throw new EdgeLabError('INTERNAL', 'the edgelab CLI is not built (npm run build); lab steps run it', entry);
  return entry;
}

export interface ChildResult {
  code: number;
  stdout: string;
  /** Last lines of stderr (for the error message). */
  stderrTail: string[];
  durationMs: number;
}

export interface ChildOptions {
  /** The CLI entry script (cliEntry()). */
  cliEntry: string;
  workspace: string;
  cwd: string;
  /** Fraction 0..1 of the child's own work and its stage, from its progress lines on stderr. */
  onProgress?: (fraction: number, stage: string) => void;
  signal?: AbortSignal;
}

/** Ms between SIGTERM (the child cancels and cleans up) and SIGKILL. */
const KILL_GRACE_MS = 5000;
const TAIL_LINES = 20;

/** Runs `edgelab --workspace W <argv…>` and resolves when it exits (never rejects for a non-zero exit). */
export function runChild(argv: string[], o: ChildOptions): Promise<ChildResult> {
  const t0 = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, [PARENT_PID_ENV]: String(process.pid) };
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'; // the Electron engine process runs the CLI as Node
  const child = spawn(process.execPath, [o.cliEntry, '--workspace', o.workspace, ...argv], { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const tail: string[] = [];
  let partial = '';
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    const lines = (partial + c).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      if (!l.trim()) continue;
      tail.push(l);
      if (tail.length > TAIL_LINES) tail.shift();
      // Non-TTY progress lines of cli/progress.ts: "<stage>[ d/t unit] (NN%)".
      const m = /^(.*?)(?: \d+\/\d+[^()]*)? \((\d{1,3})%\)$/.exec(l);
      if (m) o.onProgress?.(Number(m[2]) / 100, m[1]);
    }
  });
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  };
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise((ok) => {
    child.on('error', (e) => {
      tail.push(e.message);
    });
    child.on('close', (code, sig) => {
      clearTimeout(killTimer);
      o.signal?.removeEventListener('abort', onAbort);
      if (partial.trim()) tail.push(partial);
      ok({ code: code ?? (sig ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderrTail: tail, durationMs: performance.now() - t0 });
    });
  });
}
