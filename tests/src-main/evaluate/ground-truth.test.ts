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

describe('MOTChallenge gt.txt as TrackEval reads MOT17', () => {
  // distractors.gt.txt, frame 1: 1 pedestrian; 2 pedestrian with conf 0.5; 3 person_on_vehicle (2); 4 car (3);
  // 5 pedestrian with conf −0.5. Frame 2: 1 pedestrian with conf 1.7; 6 static_person (7).
  const file = join(FIX, 'distractors.gt.txt');

  it('ignores rows whose conf truncates to 0 (int(0.5) = int(−0.5) = 0), scores distractor classes never', async () => {
    const l = await readLabels(file, grid);
    expect(l.motClasses).toBe('all');
    expect(l.predictions).toBeNull();
    expect(l.seq.frames.map((f) => f.map((b) => [b.id, b.cls]))).toEqual([[[1, 'person'], [4, 'car']], [[1, 'person']]]);
    // Every row stays for the distractor matching, as TrackEval matches predictions against all of them.
    expect(l.seq.labelRows!.map((f) => f.map((r) => r.distractor))).toEqual([[false, false, true, false, false], [false, true]]);
  });

  it('pedestrian preset: class 1 only, and only "person" predictions are scored (MOT17)', async () => {
    const l = await readLabels(file, grid, { motClasses: 'pedestrian' });
    expect(l.motClasses).toBe('pedestrian');
    expect(l.predictions).toEqual(['person']);
    expect(l.seq.frames.map((f) => f.map((b) => b.id))).toEqual([[1], [1]]);
  });

  it('COCO labels carry no MOT preset', async () => {
    const l = await readLabels(join(FIX, 'two-people.coco.json'), grid, { motClasses: 'pedestrian' });
    expect(l.motClasses).toBeUndefined();
    expect(l.predictions).toBeNull();
  });
});
