#!/usr/bin/env node
// `npm run bench`: runs the bundled benchmark (out/main/bench.js, built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../out/main/bench.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(`bench: ${entry}: not built yet; run npm run build\n`);
  process.exit(1);
}
await import(pathToFileURL(entry).href);
