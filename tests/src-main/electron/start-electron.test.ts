// `npm start` without the Electron binary: a clear message pointing at the browser UI, exit 1.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../contract/built';

function electronBinaryPresent(): boolean {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p);
  } catch {
    return false;
  }
}

describe('scripts/start-electron.mjs', () => {
  it.skipIf(electronBinaryPresent())('explains that the binary is missing and exits 1', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start-electron.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Electron binary is not installed/);
    expect(r.stderr).toContain('edgelab serve');
    expect(r.stdout).toBe('');
  });
});
