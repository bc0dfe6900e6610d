import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { readLabels } from '../../../src-main/evaluate/ground-truth';
import type { Sequence } from '../../../src-main/evaluate/sequence';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'gt');
const grid: Sequence = { frames: Array.from({ length: 5 }, () => []), ptsMs: [0, 40, 80, 120, 160], width: 100, height: 100 };

describe('labels readers', () => {
  it('reads MOTChallenge gt.txt: 1-based frames, pixel boxes normalised, ignore and distractor lines dropped', async () => {
    const { seq, format } = await readLabels(join(FIX, 'two-people.gt.txt'), grid);
    expect(format).toBe('mot-gt');
    expect(seq.frames.length).toBe(3); // labelled span only
    expect(seq.frames.map((f) => f.map((b) => b.id))).toEqual([[1], [1, 2], [1]]);
    expect(seq.frames[1][1].box).toEqual([0.6, 0.2, 0.9, 0.8]);
    expect(seq.frames[0][0].cls).toBe('person');
    expect(seq.ptsMs).toEqual([0, 40, 80]);
  });

  it('reads the same boxes from COCO-style JSON', async () => {
    const mot = await readLabels(join(FIX, 'two-people.gt.txt'), grid);
    const coco = await readLabels(join(FIX, 'two-people.coco.json'), grid);
    expect(coco.format).toBe('coco-json');
    expect(coco.seq.frames).toEqual(mot.seq.frames);
  });

  it('names the file and the line of a bad row', async () => {
    const file = join(FIX, 'bad-line.gt.txt');
    const err = await readLabels(file, grid).catch((e) => e);
    expect(err).toMatchObject({ code: 'BAD_INPUT', file });
    expect(err.message).toMatch(/line 2/);
  });

  it('refuses an unknown format and a missing file', async () => {
    await expect(readLabels(join(FIX, 'README.md'), grid)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(readLabels(join(FIX, 'nope.txt'), grid)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
