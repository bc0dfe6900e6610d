// The Dockerfile builds the image the exported workflows run (no Docker daemon here, so the file itself is checked):
// Debian node:20-bookworm-slim base, `edgelab` as entrypoint, WORKDIR /app (the workflows' working directory for a
// spec in the repo), and every file the bundled lab reads is copied into the runtime stage and not excluded by
// .dockerignore.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planLab } from '../../../src-main/lab/plan';
import { loadSpec } from '../../../src-main/lab/spec';
import { IMAGE_APP_DIR } from '../../../src-main/workflow/steps';

const REPO = join(import.meta.dirname, '..', '..', '..');
const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const ignore = readFileSync(join(REPO, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** .dockerignore semantics for the patterns used here: last matching line wins, `!` re-includes, `dir/*` = children. */
function ignored(rel: string): boolean {
  let out = false;
  for (const line of ignore) {
    const neg = line.startsWith('!');
    const pat = neg ? line.slice(1) : line;
    const re = new RegExp(`^${pat.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
    if (re.test(rel)) out = !neg;
  }
  return out;
}

describe('Dockerfile', () => {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  it('Debian node 20 base, edgelab entrypoint, WORKDIR = the workflows working directory', () => {
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:20-bookworm-slim/);
    expect(runtime).toMatch(/ENTRYPOINT \["edgelab"\]/);
    expect(runtime).toMatch(new RegExp(`WORKDIR ${IMAGE_APP_DIR}\\n`));
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends chromium/);
    expect(runtime).toMatch(/ln -s \/app\/bin\/edgelab\.mjs \/usr\/local\/bin\/edgelab/);
  });

  it('every file the bundled lab reads is in the build context and copied into the runtime image', () => {
    const copied = [...runtime.matchAll(/^COPY --from=build \/app\/(\S+) /gm)].map((m) => m[1]);
    const inputs = [...new Set(planLab(loadSpec(join(REPO, 'lab.yaml'))).steps.flatMap((s) => s.inputs))].map((p) => relative(REPO, p));
    expect(inputs.length).toBeGreaterThan(3);
    // out/ is built inside the image (npm run build), so it is copied but not part of the context.
    for (const rel of [...inputs, 'lab.yaml', 'bin/edgelab.mjs', 'out/main/cli.js']) {
      expect(rel.startsWith('..'), rel).toBe(false);
      if (!rel.startsWith('out/')) expect(ignored(rel), `${rel} excluded by .dockerignore`).toBe(false);
      expect(copied.some((c) => rel === c || rel.startsWith(`${c}/`)), `${rel} not copied`).toBe(true);
    }
    expect(ignored('out/main/cli.js')).toBe(true); // a stale local build never enters the image
    expect(ignored('node_modules/x')).toBe(true);
    expect(ignored('tests/src-main/create-engine.test.ts')).toBe(true);
  });
});
