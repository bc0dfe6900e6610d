// `npm start`: launches the Electron shell. The electron package is optional and its binary is often not
// downloadable (offline machines, CI); then say so plainly and point at the browser UI instead of crashing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package's main export is the path of its binary; it throws when the download never happened.
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (!bin) {
  process.stderr.write(
    'EdgeLab: the Electron binary is not installed (it could not be downloaded on this machine).\n' +
      'Use the browser UI instead:  npx edgelab serve   (then open the printed http://127.0.0.1:… URL)\n',
  );
  process.exit(1);
}

/** Newest modification time (ms) of any file under `dir`. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const outputs = ['out/main/electron-main.js', 'out/main/engine-process.js', 'out/preload/preload.cjs', 'out/renderer/index.html'].map((p) => join(root, p));
const built = outputs.every((p) => existsSync(p));
const stale = built && Math.max(...['src-main', 'src-shared', 'src-renderer'].map((d) => newest(join(root, d)))) > Math.min(...outputs.map((p) => statSync(p).mtimeMs));
if (!built || stale) {
  process.stderr.write(built ? 'EdgeLab: sources changed, rebuilding…\n' : 'EdgeLab: building…\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(bin, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
