// E2E helper: builds the app when the build is missing or older than the sources, then starts the real
// server (`edgelab serve --json`) on a free port and returns the URL line it prints.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, (await fs.stat(join(e.parentPath, e.name))).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` unless out/ is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  const marks = [join(ROOT, 'out/main/cli.js'), join(ROOT, 'out/renderer/index.html')];
  if (marks.every(existsSync)) {
    const built = Math.min(...(await Promise.all(marks.map(async (m) => (await fs.stat(m)).mtimeMs))));
    const src = Math.max(...(await Promise.all(['src-main', 'src-renderer', 'src-shared'].map((d) => newestMtime(join(ROOT, d))))));
    if (built > src) return;
  }
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface Served {
  url: string;
  port: number;
  token: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(workspace: string): Promise<Served> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/edgelab.mjs'), 'serve', '--workspace', workspace, '--port', '0', '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`server printed no URL in 60 s; stderr:\n${err}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(t);
        resolve(out.slice(0, nl));
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`server exited with ${code}; stderr:\n${err}`));
    });
  });
  const { url, port, token } = JSON.parse(line) as { url: string; port: number; token: string };
  return {
    url,
    port,
    token,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** One API call to `server` (POST /api/call/<method>, NDJSON reply): its result (any: each caller reads its method's own fields); throws the error of an error reply. */
export async function callServer(server: Served, method: string, args: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const last = (await res.text()).trim().split('\n').map((l) => JSON.parse(l)).at(-1);
  if (last.type !== 'result') throw new Error(JSON.stringify(last.error));
  return last.result;
}
