// The built CLI stuck in a stop that never finishes: its workspace manifest is a FIFO nobody writes, so opening
// the engine waits forever on a file-system thread. Before: SIGTERM printed "cancelling…" and the process stayed
// (and process.exit itself hung joining that thread). Now one SIGTERM ends it after the grace period, and a second
// Ctrl-C ends it at once. Needs `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIGNAL_GRACE_MS } from '../../../src-main/cli/signals';
import { REPO } from './commands/spawn-cli';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-signals-'));
  await fs.mkdir(join(dir, 'ws'));
  execFileSync('mkfifo', [join(dir, 'ws', 'manifest.json')]);
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Starts `edgelab --workspace <fifo ws> models`, sends `signals` at the given delays (ms), resolves on exit. */
function stuckCli(signals: [number, NodeJS.Signals][]): Promise<{ signal: NodeJS.Signals | null; code: number | null; ms: number; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'edgelab.mjs'), '--workspace', join(dir, 'ws'), 'models'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const t0 = Date.now();
    let first = 0;
    const timers = signals.map(([at, sig]) => setTimeout(() => {
      if (!first) first = Date.now();
      child.kill(sig);
    }, at));
    const hard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      clearTimeout(hard);
      ok({ code, signal, ms: Date.now() - (first || t0), stderr });
    });
  });
}

describe('CLI stop signals', () => {
  it('one SIGTERM ends a command whose cancellation never finishes, after the grace period', { timeout: 25_000 }, async () => {
    const r = await stuckCli([[4000, 'SIGTERM']]);
    expect(r.signal, r.stderr).toBe('SIGTERM');
    expect(r.stderr).toContain('cancelling');
    expect(r.stderr).toContain('still stopping');
    expect(r.ms).toBeGreaterThanOrEqual(SIGNAL_GRACE_MS - 100);
    expect(r.ms).toBeLessThan(SIGNAL_GRACE_MS + 4000);
  });

  it('a second Ctrl-C ends it at once', { timeout: 25_000 }, async () => {
    const r = await stuckCli([[4000, 'SIGINT'], [4500, 'SIGINT']]);
    expect(r.signal, r.stderr).toBe('SIGINT');
    expect(r.ms).toBeLessThan(2000);
  });
});
