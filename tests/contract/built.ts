// Test helper: the build output the contract, server-worker and Electron-shell tests read. Builds once when an
// output is missing (npm test's pretest normally built already). A lock directory keeps two test files from
// building at the same time; a build in progress elsewhere is waited for.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const OUT = join(ROOT, 'out');
export const BUILD_OUTPUTS = [
  'main/electron-main.js',
  'main/engine-process.js',
  'main/engine-worker.js',
  'main/cli.js',
  'main/bench.js',
  'preload/preload.cjs',
  'renderer/index.html',
].map((p) => join(OUT, p));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function ensureBuilt(): Promise<void> {
  if (BUILD_OUTPUTS.every((p) => existsSync(p))) return;
  const lock = join(ROOT, '.edgelab-build-lock');
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Stale lock (a killed build) after 5 minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another build');
      await sleep(1000);
    }
  }
  try {
    if (BUILD_OUTPUTS.every((p) => existsSync(p))) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
    const missing = BUILD_OUTPUTS.filter((p) => !existsSync(p));
    if (missing.length) throw new Error(`build did not produce: ${missing.join(', ')}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
