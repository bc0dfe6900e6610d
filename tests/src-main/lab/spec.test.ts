// Lab spec: the repo's lab.yaml and the tiny lab load; every kind of bad spec is a BAD_INPUT naming the spec file,
// the line and the field (bad YAML, unknown kind, missing file, unknown reference, bad gate, duplicate id).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeLabError } from '../../../src-shared/protocol';
import { gatesString, loadSpec, parseSpec } from '../../../src-main/lab/spec';
import { REPO, TINY_LAB, tinyLab, type TinyLab } from './tiny-lab';

let t: TinyLab;
beforeAll(async () => {
  t = await tinyLab();
});
afterAll(async () => {
  await t.cleanup();
});

/** The BAD_INPUT thrown by parsing `yaml` as the tiny lab's spec file. */
function badInput(yaml: string): EdgeLabError {
  try {
    parseSpec(yaml, t.spec);
  } catch (e) {
    expect(e).toBeInstanceOf(EdgeLabError);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e as EdgeLabError).file).toBe(t.spec);
    expect((e as Error).message).toContain(t.spec);
    return e as EdgeLabError;
  }
  throw new Error('expected BAD_INPUT');
}

describe('lab spec', () => {
  it("loads the repository's lab.yaml and the tiny lab, filling defaults", () => {
    const repo = loadSpec(join(REPO, 'lab.yaml'));
    expect(repo.spec.name).toBe('bundled');
    expect(repo.dir).toBe(REPO);
    expect(repo.spec.models.map((m) => m.id)).toContain('ssd');
    const tiny = loadSpec(t.spec);
    expect(tiny.spec.variants.map((v) => v.kind)).toEqual(['fp16', 'int8-weights']);
    expect(tiny.spec.validate).toEqual({ layers: false, frames: 4 });
    expect(tiny.spec.models[0].labels).toBe(true);
    expect(gatesString(tiny.spec)).toBe('map50_drop>0.5');
    expect(gatesString(parseSpec(TINY_LAB.replace('gates: map50_drop>0.5', 'gates: [map50_drop>0.5, flickerPerMin>2]'), t.spec).spec)).toBe('map50_drop>0.5,flickerPerMin>2');
  });

  it('bad YAML: names the line', () => {
    const e = badInput(TINY_LAB.replace('  - kind: fp16\n', '  - kind: fp16\n   bad: [\n'));
    expect(e.message).toMatch(/line \d+: not valid YAML/);
  });

  it('unknown variant kind: names the line and the field', () => {
    const yaml = TINY_LAB.replace('kind: int8-weights', 'kind: int4');
    const e = badInput(yaml);
    const line = yaml.split('\n').findIndex((l) => l.includes('int4')) + 1;
    expect(e.message).toContain(`line ${line}: field variants[1].kind`);
  });

  it('unknown field and wrong type: named', () => {
    expect(badInput(TINY_LAB.replace('  scoreThreshold: 0.5', '  scoreTreshold: 0.5')).message).toMatch(/field replay/);
    expect(badInput(TINY_LAB.replace('frames: 10', 'frames: ten')).message).toMatch(/field clips\[0\]\.frames/);
    expect(badInput('name: x\n').message).toMatch(/field models/);
    expect(badInput('- just\n- a list\n').message).toMatch(/a lab spec is a YAML mapping/);
  });

  it('missing file: names the missing path and the field (paths relative to the spec)', () => {
    const e = badInput(TINY_LAB.replace('bench/ort-profile-blazeface-cpu.json', 'bench/nope.json'));
    expect(e.message).toContain('field bench[0].file');
    expect(e.message).toContain(join(t.dir, 'bench', 'nope.json'));
    expect(badInput(TINY_LAB.replace('clip: cup', 'clip: clips/none.mp4')).message).toContain('field clips[0].clip');
    expect(badInput(TINY_LAB.replace('model: blazeface-front', 'model: models/none.onnx')).message).toContain('field models[0].model');
    expect(badInput(TINY_LAB.replace('    frames: 10', '    frames: 10\n    gt: labels/none.json')).message).toContain('field clips[0].gt');
  });

  it('references between sections and gates are checked', () => {
    expect(badInput(TINY_LAB.replace('  - kind: fp16', '  - kind: fp16\n    models: [ssd]')).message).toContain('unknown model id "ssd"');
    expect(badInput(TINY_LAB.replace('  - kind: fp16', '  - kind: uint8')).message).toMatch(/no model of this lab has a uint8 transform/);
    expect(badInput(TINY_LAB.replace('variant: face/fp16', 'variant: face/int8')).message).toContain('no int8 variant of face');
    expect(badInput(TINY_LAB.replace('gates: map50_drop>0.5', 'gates: map50 is low')).message).toContain('field gates');
    expect(badInput(TINY_LAB.replace('  - id: cup\n', '  - id: cup\n    clip: cup\n  - id: cup\n')).message).toContain('duplicate id "cup"');
  });

  it('an unreadable spec file is a BAD_INPUT naming it', async () => {
    const missing = join(t.dir, 'missing.yaml');
    expect(() => loadSpec(missing)).toThrow(missing);
    await fs.writeFile(join(t.dir, 'empty.yaml'), '');
    expect(() => loadSpec(join(t.dir, 'empty.yaml'))).toThrow(/YAML mapping/);
  });
});
