// Runs the BUILT CLI (`node bin/edgelab.mjs`, out/main/cli.js: run `npm run build` first) in a temp workspace.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..', '..', '..');
export const FIX = join(REPO, 'tests', 'fixtures', 'bench');
const BIN = join(REPO, 'bin', 'edgelab.mjs');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function tempWorkspace(): Promise<{ ws: string; cleanup(): Promise<void> }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-cli-latency-'));
  return { ws: join(dir, 'ws'), cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

export interface SpawnOptions {
  /** Working directory of the CLI (default: the repo). */
  cwd?: string;
  /** Sees each stderr chunk as it arrives, with a way to signal the CLI (e.g. Ctrl-C = SIGINT). */
  onStderr?: (chunk: string, kill: (sig: NodeJS.Signals) => void) => void;
}

/** The one way tests spawn the built CLI: `node bin/edgelab.mjs --workspace <ws> <args…>`. */
export function edgelab(ws: string, args: string[], opts: SpawnOptions = {}): Promise<Ran> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, '--workspace', ws, ...args], { cwd: opts.cwd ?? REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onStderr?.(String(d), (sig) => child.kill(sig));
    });
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}
