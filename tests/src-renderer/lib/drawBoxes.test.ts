import { describe, expect, it } from 'vitest';
import { textOn } from '../../../src-renderer/lib/drawBoxes';

// WCAG 2 contrast ratio of two #RRGGBB colours, computed independently of textOn's threshold.
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('textOn (label text on a chip of the box colour)', () => {
  it('picks the text colour with the higher contrast for the overlay colours and the extremes', () => {
    for (const bg of ['#0072B2', '#D55E00', '#E69F00', '#56B4E9', '#000000', '#FFFFFF', '#777777', '#009E73']) {
      const pick = textOn(bg);
      const other = pick === '#000' ? '#FFFFFF' : '#000000';
      expect(contrast(bg, pick === '#000' ? '#000000' : '#FFFFFF')).toBeGreaterThanOrEqual(contrast(bg, other));
    }
    expect(textOn('#0072B2')).toBe('#fff');
    expect(textOn('#E69F00')).toBe('#000');
  });
});
