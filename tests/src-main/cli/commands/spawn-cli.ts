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

export function edgelab(ws: string, args: string[]): Promise<Ran> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, '--workspace', ws, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}
