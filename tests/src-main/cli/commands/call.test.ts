// `edgelab call` (BUILT CLI, run `npm run build` first): the generic entry gives the same result JSON as the
// dedicated command; --args takes inline JSON or @file; arguments the method's schema refuses, bad JSON and an unknown
// method are usage errors (exit 2); an engine failure exits 1 with one line.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgelab, tempWorkspace } from './spawn-cli';

let t: Awaited<ReturnType<typeof tempWorkspace>>;
beforeAll(async () => {
  t = await tempWorkspace();
});
afterAll(async () => t.cleanup());

describe('edgelab call', () => {
  it('the same result JSON as the dedicated command, with inline JSON or @file arguments', async () => {
    const direct = await edgelab(t.ws, ['inspect', 'blazeface-front', '--json']);
    expect(direct.code, direct.stderr).toBe(0);
    const inline = await edgelab(t.ws, ['call', 'inspectModel', '--args', '{"model":"blazeface-front"}', '--json']);
    expect(inline.code, inline.stderr).toBe(0);
    expect(JSON.parse(inline.stdout)).toEqual(JSON.parse(direct.stdout));
    const file = join(t.ws, '..', 'args.json');
    await fs.writeFile(file, JSON.stringify({ model: 'blazeface-front' }));
    const fromFile = await edgelab(t.ws, ['call', 'inspectModel', '--args', `@${file}`]); // JSON on stdout even without --json
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(direct.stdout));
  });

  it('a long method reports progress on stderr and writes where its args say', async () => {
    const out = join(t.ws, '..', 'run');
    const r = await edgelab(t.ws, ['call', 'replay', '--args', JSON.stringify({ model: 'blazeface-front', clip: 'cup', frames: 3, out })]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ frames: 3, runDir: out });
    expect(r.stderr).toMatch(/\(\d{1,3}%\)/);
    await expect(fs.stat(join(out, 'run.json'))).resolves.toBeTruthy();
  }, 60_000);

  it('usage errors exit 2: args the schema refuses, bad JSON, an unknown method; an engine failure exits 1', async () => {
    const schema = await edgelab(t.ws, ['call', 'convertModel', '--args', '{"model":"blazeface-front","to":"int4"}']);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/^edgelab: convertModel: to: /m);
    expect(schema.stdout).toBe('');
    const extra = await edgelab(t.ws, ['call', 'inspectModel', '--args', '{"model":"x","frames":2}']);
    expect(extra.code).toBe(2);
    const json = await edgelab(t.ws, ['call', 'inspectModel', '--args', '{model:']);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/not JSON/);
    const method = await edgelab(t.ws, ['call', 'rmRf', '--args', '{}']);
    expect(method.code).toBe(2);
    const missing = await edgelab(t.ws, ['call', 'inspectModel', '--args', '{"model":"/no/such/model.onnx"}']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/no/such/model.onnx');
  });
});
