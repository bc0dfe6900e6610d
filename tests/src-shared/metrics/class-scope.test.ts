// Class scope: the one parser and formatter the CLI and the UI share, and how a stored compare is matched to a scope.
import { describe, expect, it } from 'vitest';
import { classScopeText, parseClassList, sameScope, scopeArgs } from '../../../src-shared/metrics/class-scope';
import { onlyClasses } from '../../../src-main/evaluate/sequence';

describe('class scope', () => {
  it('parses a comma list (trimmed, de-duplicated, order kept); empty is null', () => {
    expect(parseClassList(' person ,car,person,, bus ')).toEqual(['person', 'car', 'bus']);
    expect(parseClassList(' , ')).toBeNull();
  });
  it('reads as the CLI prints it', () => {
    expect(classScopeText({})).toBe('all classes');
    expect(classScopeText({ classAgnostic: true })).toBe('class-agnostic');
    expect(classScopeText({ classes: ['person', 'car'], classAgnostic: true })).toBe('classes person, car, class-agnostic');
  });
  it('matches stored compares by scope, class lists as sets', () => {
    expect(sameScope({}, {})).toBe(true);
    expect(sameScope({ classes: ['car', 'person'] }, { classes: ['person', 'car'] })).toBe(true);
    expect(sameScope({ classes: ['car'] }, {})).toBe(false);
    expect(sameScope({ classAgnostic: true }, {})).toBe(false);
    expect(scopeArgs({ classAgnostic: false, classes: [] })).toEqual({});
  });
  it('onlyClasses keeps the frames and drops boxes of other classes', () => {
    const box = { x: 0, y: 0, w: 1, h: 1 };
    const seq = { fps: 30, frames: [[{ id: 1, box, score: 1, cls: 'person' }, { id: 2, box, score: 1, cls: 'car' }], []] } as never;
    const r = onlyClasses(seq, ['car']) as unknown as { frames: { cls: string }[][] };
    expect(r.frames.map((f) => f.map((b) => b.cls))).toEqual([['car'], []]);
  });
});
