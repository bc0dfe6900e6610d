// What the browser benches (bench:ui, bench:graph) share: the built UI served by a real `edgelab serve` child on a
// workspace, and headless Debian Chromium (playwright-core) to open it. Both refuse to start, with the fix in the
// message, when Chromium is missing or the renderer is not built.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { EdgeLabError } from '../../src-shared/protocol';
import { findChromium } from '../reports/pdf-writer';

const ROOT = join(import.meta.dirname, '..', '..');

/** Chromium flags of every browser bench (headless, no sandbox as root in CI, no GPU, no background traffic). */
const BASE_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

/** Launches headless Chromium with the base flags and `extraArgs`; throws UNSUPPORTED when it or the built UI is missing. */
export async function launchBenchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new EdgeLabError('UNSUPPORTED', `Chromium not found (${process.env.CHROMIUM_PATH ?? 'the usual Debian/Ubuntu paths'}): apt-get install -y chromium, or set CHROMIUM_PATH`);
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new EdgeLabError('UNSUPPORTED', 'the renderer is not built: run npm run build');
  return chromium.launch({ executablePath, args: [...BASE_ARGS, ...extraArgs] });
}

/** `edgelab serve --workspace <workspace> --port 0 --json` as a child; resolves with the URL it prints (token in the hash). */
export async function serve(workspace: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/edgelab.mjs'), 'serve', '--workspace', workspace, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    proc.once('exit', (c) => reject(new Error(`edgelab serve exited with ${c}`)));
  });
  return { url: (JSON.parse(line) as { url: string }).url, proc };
}
