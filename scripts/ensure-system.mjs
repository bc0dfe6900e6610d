// Makes sure the system tools the test suite needs are present, installing them when it can.
// - ffmpeg: shipped inside the npm package @ffmpeg-installer/linux-x64 (preferred); Debian's ffmpeg is the fallback.
// - Chromium for the UI tests: no npm package ships a browser build that runs here (playwright's own browser
//   download is blocked), so Debian's `chromium` is installed with apt — only when running as root; otherwise we
//   print what to install and fail.
// Set CHROMIUM_PATH / EDGELAB_FFMPEG to use binaries elsewhere.
import { existsSync, accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;
}
function executable(p) {
  try { accessSync(p, constants.X_OK); return true; } catch { return false; }
}
function aptInstall(pkgs, why) {
  if (!isRoot || !onPath('apt-get')) return false;
  console.error(`ensure-system: installing Debian ${pkgs.join(' ')} with apt (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const up = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (up.status !== 0) return false;
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  return r.status === 0;
}

function findChromium() {
  const c = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', onPath('chromium')];
  return c.find((p) => p && existsSync(p) && executable(p)) ?? null;
}
function findFfmpeg() {
  if (process.env.EDGELAB_FFMPEG && executable(process.env.EDGELAB_FFMPEG)) return process.env.EDGELAB_FFMPEG;
  try {
    const p = require.resolve('@ffmpeg-installer/linux-x64/ffmpeg');
    if (executable(p)) return p;
  } catch { /* package absent on this platform */ }
  return onPath('ffmpeg');
}

let ok = true;
if (!findFfmpeg() && !(aptInstall(['ffmpeg'], 'the npm ffmpeg binary is missing') && findFfmpeg())) {
  console.error('ensure-system: no ffmpeg found. Run `npm ci` (it ships one) or install ffmpeg, or set EDGELAB_FFMPEG.');
  ok = false;
}
if (!findChromium() && !(aptInstall(['chromium'], 'UI tests drive a real headless Chromium') && findChromium())) {
  console.error('ensure-system: no Chromium found for the UI tests. As root this script installs Debian `chromium`;' +
    ' otherwise run `sudo apt-get install chromium` or set CHROMIUM_PATH.');
  ok = false;
}
if (ok) console.error(`ensure-system: ffmpeg ${findFfmpeg()}, chromium ${findChromium()}`);
process.exit(ok ? 0 : 1);
