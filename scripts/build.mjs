// Builds main, preload and renderer with electron-vite. electron-vite reads the Electron version from
// node_modules/electron; that package is optional (its binary cannot always be downloaded), so when it
// is absent we tell electron-vite which major version the shell targets instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const env = { ...process.env };
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
if (!existsSync(new URL('../node_modules/electron/package.json', import.meta.url))) {
  const wanted = pkg.optionalDependencies?.electron ?? '40';
  env.ELECTRON_MAJOR_VER = String(wanted.match(/\d+/)?.[0] ?? '40');
}
// The bin file is not in the package's "exports"; find it beside package.json.
const evPkg = require.resolve('electron-vite/package.json');
const cli = join(dirname(evPkg), JSON.parse(readFileSync(evPkg, 'utf8')).bin['electron-vite']);
const r = spawnSync(process.execPath, [cli, 'build', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
