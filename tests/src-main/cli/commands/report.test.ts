// `edgelab report` (BUILT CLI, run `npm run build` first): csv over two runs; --fail-on exits 3 when a gate holds;
// an unknown format is a usage error (exit 2); neither runs nor --lab exits 1.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgelab, tempWorkspace } from './spawn-cli';

let t: Awaited<ReturnType<typeof tempWorkspace>>;
let a: string;
let b: string;
beforeAll(async () => {
  t = await tempWorkspace();
  a = join(t.ws, '..', 'run-a');
  b = join(t.ws, '..', 'run-b');
  for (const out of [a, b]) {
    const r = await edgelab(t.ws, ['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '8', '--out', out, '--json']);
    if (r.code !== 0) throw new Error(r.stderr);
  }
}, 300_000);
afterAll(async () => t.cleanup());

describe('edgelab report', () => {
  it('--format csv over runs; --json carries the report; the same model twice passes the default gates', async () => {
    const out = join(t.ws, '..', 'r.csv');
    const r = await edgelab(t.ws, ['report', a, b, '--format', 'csv', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.format).toBe('csv');
    expect(j.report.variants).toHaveLength(2);
    expect(j.report.gates.pass).toBe(true);
    expect((await fs.readFile(out, 'utf8')).split('\r\n')[0]).toMatch(/^run_id,baseline_run_id,model,/);
  });

  it('--fail-on exits 3 when a gate holds, and still writes the report', async () => {
    const out = join(t.ws, '..', 'g.json');
    const r = await edgelab(t.ws, ['report', a, b, '--format', 'json', '--out', out, '--fail-on', 'map50<=1']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/Gates map50<=1: FAIL/);
    expect(JSON.parse(await fs.readFile(out, 'utf8')).gates.pass).toBe(false);
  });

  it('usage errors exit 2; no source exits 1', async () => {
    expect((await edgelab(t.ws, ['report', a, '--format', 'docx', '--out', join(t.ws, '..', 'x')])).code).toBe(2);
    const none = await edgelab(t.ws, ['report', '--format', 'json', '--out', join(t.ws, '..', 'y.json')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/runs or from a lab/);
  });
});
