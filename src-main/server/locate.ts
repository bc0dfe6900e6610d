// Finds the build output (`out/`) from wherever this code runs: bundled into out/main/*.js (or a shared
// chunk below it) by `npm run build`, or as TypeScript source under src-main/ in tests. The built layout
// is fixed by electron.vite.config.ts: out/main/engine-worker.js, out/renderer/index.html.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OutPaths {
  /** out/ folder (may not exist when nothing was built). */
  outDir: string;
  /** out/main/engine-worker.js */
  engineWorker: string;
  /** out/renderer */
  rendererDir: string;
}

/** Walks up from `from` (default: this module) to the nearest out/ holding main/engine-worker.js, or a repo root. */
export function locateOut(from: string = fileURLToPath(import.meta.url)): OutPaths {
  const paths = (outDir: string): OutPaths => ({
    outDir,
    engineWorker: join(outDir, 'main', 'engine-worker.js'),
    rendererDir: join(outDir, 'renderer'),
  });
  let d = dirname(resolve(from));
  for (;;) {
    if (existsSync(join(d, 'main', 'engine-worker.js'))) return paths(d);
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'src-main'))) return paths(join(d, 'out'));
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  // Not found: point at the conventional place so that errors name a meaningful path.
  return paths(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out'));
}
