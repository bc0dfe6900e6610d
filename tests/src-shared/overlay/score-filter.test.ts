import { describe, expect, it } from 'vitest';
import { filterByScore } from '../../../src-shared/overlay/score-filter';
import { det } from './helpers';

describe('filterByScore', () => {
  it('keeps boxes at or above the minimum, in order', () => {
    const d = [det(1, 0.2, 0.5), det(2, 0.3, 0.29), det(3, 0.4, 0.3)];
    expect(filterByScore(d, 0.3).map((x) => x.trackId)).toEqual([1, 3]);
    expect(filterByScore(d, 0)).toHaveLength(3);
    expect(filterByScore(d, 1)).toHaveLength(0);
  });
});
