// Label placement shared by the UI overlays and the report's key frames: inside the frame, never overlapping,
// flipping below/inside, then the short form (track id), then nothing.
import { describe, expect, it } from 'vitest';
import { placeLabels, shortLabel, LABEL_CHAR_W, type LabelRect, type LabelSpot } from '../../../src-shared/overlay/label-placement';

const rectOf = (s: LabelSpot, font: number): LabelRect => ({ x: s.x, y: s.y - font, width: s.text.length * font * LABEL_CHAR_W, height: font });
const overlap = (a: LabelRect, b: LabelRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('placeLabels', () => {
  it('puts a lone label above its box', () => {
    expect(placeLabels([{ x: 100, y: 100, width: 50, height: 50 }], ['face 0.90'], 20, 640, 480)).toEqual([{ x: 102, y: 96, text: 'face 0.90' }]);
  });
  it('moves a second label that would overprint the first below its own box', () => {
    const spots = placeLabels(
      [
        { x: 100, y: 100, width: 80, height: 60 },
        { x: 120, y: 102, width: 90, height: 70 },
      ],
      ['face 0.58', 'face 0.31'],
      20,
      640,
      480,
    );
    expect(spots[0]).toEqual({ x: 102, y: 96, text: 'face 0.58' });
    expect(spots[1]).toEqual({ x: 122, y: 102 + 70 + 20, text: 'face 0.31' });
  });
  it('keeps labels inside the frame: top edge, right edge', () => {
    const [top] = placeLabels([{ x: 0, y: 0, width: 50, height: 50 }], ['cup 0.50'], 20, 640, 480);
    expect(top!.y - 20).toBeGreaterThanOrEqual(0);
    const [right] = placeLabels([{ x: 620, y: 200, width: 20, height: 40 }], ['person 0.91 #12'], 20, 640, 480);
    expect(right!.x + right!.text.length * 20 * LABEL_CHAR_W).toBeLessThanOrEqual(640);
  });
  it('a crowd: labels never overlap; crowded ones drop to the track id, then to nothing', () => {
    // A row of 12 overlapping people across a 320×240 frame (each label is wider than its box).
    const boxes = Array.from({ length: 12 }, (_, i) => ({ x: 20 + i * 22, y: 100 + (i % 3) * 6, width: 60, height: 80 }));
    const texts = boxes.map((_, i) => `person 0.${50 + i} #${i + 1}`);
    const spots = placeLabels(boxes, texts, 16, 320, 240);
    const drawn = spots.filter((s) => s.text);
    for (let i = 0; i < drawn.length; i++) for (let j = i + 1; j < drawn.length; j++) expect(overlap(rectOf(drawn[i]!, 16), rectOf(drawn[j]!, 16))).toBe(false);
    expect(spots.some((s) => /^#\d+$/.test(s.text))).toBe(true);
    expect(spots.some((s) => s.text === '')).toBe(true);
    expect(spots[0]!.text).toBe('person 0.50 #1');
  });
  it('shortLabel: the track id, else the first word', () => {
    expect(shortLabel('person 0.91 #7')).toBe('#7');
    expect(shortLabel('face 0.90')).toBe('face');
  });
});
