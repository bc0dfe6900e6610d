import { describe, expect, it } from 'vitest';
import { renderLabel } from '../../../src-shared/overlay/label-template';
import { det } from './helpers';

describe('renderLabel', () => {
  it('fills label, score, percent and id', () => {
    expect(renderLabel('{label} {score}', det(4, 0.5, 0.876))).toBe('cup 0.88');
    expect(renderLabel('{label} ({percent}) #{id}', det(4, 0.5, 0.876))).toBe('cup (88%) #4');
  });
  it('leaves unknown placeholders visible and drops an absent id', () => {
    expect(renderLabel('{lable} {id}', det(undefined, 0.5))).toBe('{lable}');
  });
});
