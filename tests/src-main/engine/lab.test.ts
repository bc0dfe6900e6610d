// runLab through the engine (steps run the BUILT CLI: `npm run build` first): arguments validated by the API schema,
// progress per step (stage = step id), a LabResult; on a confined host (the server) a spec outside the allowed roots,
// or one naming a file outside them, is FORBIDDEN before any step runs.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../src-shared/protocol';
import { tinyLab, TINY_LAB, type TinyLab } from '../lab/tiny-lab';
import { useTempEngine } from './helpers';

const open = useTempEngine('open');
const confined = useTempEngine('confined');
let t: TinyLab;
beforeAll(async () => {
  t = await tinyLab();
});
afterAll(async () => {
  await t.cleanup();
});

describe('engine runLab', () => {
  it('runs a lab: progress per step, every step done, the lab state in the workspace', async () => {
    const seen: Progress[] = [];
    const r = await open().engine.runLab({ spec: t.spec, jobs: 2 }, { onProgress: (p) => seen.push(p) });
    expect(r.steps.every((s) => s.status === 'done'), JSON.stringify(r.steps)).toBe(true);
    expect(r.labDir).toBe(join(open().dir, 'ws', 'labs', 'tiny'));
    const stages = new Set(seen.map((p) => p.stage));
    for (const s of r.steps) expect(stages.has(s.id), s.id).toBe(true);
    expect(seen.at(-1)?.done).toBe(r.steps.length);
    expect(JSON.parse(await fs.readFile(join(r.labDir, 'plan.json'), 'utf8')).steps).toHaveLength(r.steps.length);
  }, 400_000);

  it('rejects bad arguments through the API schema', async () => {
    await expect(open().engine.runLab({ spec: t.spec, jobs: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('confined host: a spec outside the allowed roots, or naming a file outside them, is FORBIDDEN', async () => {
    await expect(confined().engine.runLab({ spec: t.spec })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const inside = join(confined().dir, 'ws', 'lab.yaml');
    const outsideBench = join(t.dir, 'bench', 'ort-profile-blazeface-cpu.json');
    await fs.writeFile(inside, TINY_LAB.replace('bench/ort-profile-blazeface-cpu.json', outsideBench));
    await expect(confined().engine.runLab({ spec: inside })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fs.stat(join(confined().dir, 'ws', 'labs', 'tiny'))).rejects.toThrow(); // refused before anything is written
  });
});
