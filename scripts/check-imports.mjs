// The import-rule check of `npm test`: no import cycles, and layers that point one way.
// The graph is madge's (tools/import-rules has its own install: madge parses TypeScript with TypeScript's JS
// compiler API, which the project's typescript 7 — the native compiler — does not ship). Type-only imports
// (`import type`, inline `import('…')` types) are edges like any other, so this agrees with
//   madge --circular --extensions ts,tsx --ts-config tsconfig.json src-main src-shared src-renderer
// Usage: node scripts/check-imports.mjs [--json]   (exit 1 on any cycle or forbidden edge)
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = join(root, 'tools/import-rules');
const madgeApi = join(toolDir, 'node_modules/madge/lib/api.js');

if (!existsSync(madgeApi)) {
  // Installed from its own lock file, pinned like every other dependency.
  const r = spawnSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`check-imports: could not install ${toolDir} (npm ci exit ${r.status})`);
    process.exit(2);
  }
}

/**
 * Forbidden edges: a file matching `from` may not import a file matching `to`. Paths are relative to the repo
 * root with forward slashes. The zones (src-shared imports nothing of the others; the renderer no main code)
 * and the engine's layering (hosts and runners above `engine/`, nothing below it reaching up).
 */
export const RULES = [
  { name: 'shared-is-a-leaf', from: /^src-shared\//, to: /^src-(main|renderer)\//, why: 'src-shared imports no Node, DOM or Electron code' },
  { name: 'renderer-not-main', from: /^src-renderer\//, to: /^src-main\//, why: 'the renderer reaches the engine only through the API' },
  { name: 'evaluate-is-pure', from: /^src-main\/evaluate\//, to: /^src-main\/(?!evaluate\/)/, why: 'evaluate/ imports only src-shared (and itself)' },
  { name: 'no-upward-to-engine', from: /^src-main\/(lab|reports|workflow|pipeline|formats|models|runtimes|transforms|calibration|layers|media|tracking|imaging|embedding|evaluate|validation|benchmarks|workspace|jobs)\//, to: /^src-main\/(engine|cli|server|electron|channel)\//, why: 'layers below the engine do not import the engine or its hosts' },
  { name: 'media-not-tracking', from: /^src-main\/media\//, to: /^src-main\/tracking\//, why: 'decoding does not depend on the tracker (shared imaging code lives in imaging/)' },
  { name: 'transforms-not-layers', from: /^src-main\/transforms\//, to: /^src-main\/layers\//, why: 'transforms and layers meet in the formats homes, not in each other' },
  { name: 'layers-not-transforms', from: /^src-main\/layers\//, to: /^src-main\/transforms\//, why: 'transforms and layers meet in the formats homes, not in each other' },
];

const { default: madge } = await import(pathToFileURL(madgeApi).href);
const res = await madge(['src-main', 'src-shared', 'src-renderer'].map((d) => join(root, d)), {
  baseDir: root,
  fileExtensions: ['ts', 'tsx'],
  tsConfig: join(root, 'tsconfig.json'),
  detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
});
const graph = res.obj();
const cycles = res.circular();
const violations = [];
for (const [from, tos] of Object.entries(graph)) {
  for (const to of tos) {
    for (const r of RULES) if (r.from.test(from) && r.to.test(to)) violations.push({ rule: r.name, from, to, why: r.why });
  }
}
const files = Object.keys(graph).length;
const edges = Object.values(graph).reduce((n, t) => n + t.length, 0);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files, edges, cycles, violations }, null, 2));
} else {
  for (const c of cycles) console.error(`cycle: ${c.join(' → ')} → ${c[0]}`);
  for (const v of violations) console.error(`${v.rule}: ${v.from} imports ${v.to} (${v.why})`);
  console.log(`import rules: ${files} files, ${edges} imports, ${cycles.length} cycles, ${violations.length} forbidden imports (${RULES.length} rules)`);
}
process.exit(cycles.length || violations.length ? 1 : 0);
