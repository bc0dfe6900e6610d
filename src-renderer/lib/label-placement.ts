// Where to put each box's text label so that labels do not overprint each other (pure).
// Positions are in the overlay's pixel space; text width is estimated (0.6 × font size per character,
// the average advance of a sans-serif face) because SVG text cannot be measured before it is drawn.
import type { PixelRect } from './format';

export interface LabelSpot {
  x: number;
  /** Baseline y of the text. */
  y: number;
}

const CHAR_W = 0.6;

function overlaps(a: PixelRect, b: PixelRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * For each box (in order) the first free spot of: above its top-left corner, below its bottom-left
 * corner, inside its top-left corner; if all collide, above (the default). Spots stay within height.
 */
export function placeLabels(boxes: PixelRect[], texts: string[], font: number, height: number): LabelSpot[] {
  const taken: PixelRect[] = [];
  return boxes.map((b, i) => {
    const w = texts[i].length * font * CHAR_W;
    const cands: LabelSpot[] = [
      { x: b.x + 2, y: b.y - 4 },
      { x: b.x + 2, y: b.y + b.height + font },
      { x: b.x + 4, y: b.y + font + 2 },
    ].filter((s) => s.y - font >= 0 && s.y <= height);
    const rectOf = (s: LabelSpot): PixelRect => ({ x: s.x, y: s.y - font, width: w, height: font });
    const spot = cands.find((s) => !taken.some((t) => overlaps(t, rectOf(s)))) ?? cands[0] ?? { x: b.x + 4, y: Math.min(height, b.y + font + 2) };
    taken.push(rectOf(spot));
    return spot;
  });
}
