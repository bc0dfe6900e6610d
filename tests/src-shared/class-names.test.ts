import { describe, expect, it } from 'vitest';
import { COCO80, COCO90, FACE, labelFor } from '../../src-shared/class-names';

describe('labels', () => {
  it('COCO90 is indexed by COCO id with the 10 unannotated ids empty', () => {
    expect(COCO90).toHaveLength(91);
    expect(COCO90[1]).toBe('person');
    expect(COCO90[47]).toBe('cup');
    expect(COCO90[90]).toBe('toothbrush');
    const gaps = COCO90.map((n, i) => (n === '' ? i : -1)).filter((i) => i >= 0);
    expect(gaps).toEqual([0, 12, 26, 29, 30, 45, 66, 68, 69, 71, 83]);
  });

  it('COCO80 is the 80 names, contiguous', () => {
    expect(COCO80).toHaveLength(80);
    expect(new Set(COCO80).size).toBe(80);
    expect(COCO80[0]).toBe('person');
    expect(COCO80[41]).toBe('cup');
    expect(COCO80[79]).toBe('toothbrush');
  });

  it('labelFor looks up sets and lists, never returning empty', () => {
    expect(labelFor('coco90', 47)).toBe('cup');
    expect(labelFor('coco80', 41)).toBe('cup');
    expect(labelFor('face', 0)).toBe(FACE[0]);
    expect(labelFor(['a', 'b'], 1)).toBe('b');
    expect(labelFor('coco90', 12)).toBe('class 12');
    expect(labelFor('coco80', 80)).toBe('class 80');
    expect(labelFor('nope', 3)).toBe('class 3');
    expect(labelFor(undefined, 2)).toBe('class 2');
    expect(labelFor(['a'], -1)).toBe('class -1');
  });
});
