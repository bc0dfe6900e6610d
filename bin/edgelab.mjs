#!/usr/bin/env node
// `edgelab` command: runs the bundled CLI (out/main/cli.js, built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(`edgelab: ${entry}: not built yet; run npm run build\n`);
  process.exit(1);
}
await import(pathToFileURL(entry).href);
