// Empty states and hints name real commands: every `edgelab <command>` written in the renderer's sources is a
// command of the CLI program (createProgram), e.g. the Latency view's `edgelab bench-model`, never `edgelab bench`.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProgram } from '../../../src-main/cli/program';

const SRC = join(__dirname, '../../../src-renderer');

describe('commands named by the UI', () => {
  it('exist in the CLI', () => {
    const commands = new Set(createProgram().commands.map((c) => c.name()));
    const named: string[] = [];
    for (const e of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.tsx?$/.test(e.name)) continue;
      const text = readFileSync(join(e.parentPath, e.name), 'utf8');
      for (const m of text.matchAll(/<code>edgelab ([a-z][a-z-]*)/g)) named.push(`${e.name}: ${m[1]}`);
    }
    expect(named).toContain('LatencyView.tsx: bench-model');
    expect(named.filter((n) => !commands.has(n.split(': ')[1]!))).toEqual([]);
  });
});
