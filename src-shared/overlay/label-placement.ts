// Where to put each box's text label so that labels stay inside the frame and do not overprint each other (pure;
// shared by the UI's SVG and canvas overlays and the HTML report's key frames, so all three read alike).
// Positions are in the frame's pixel space; text width is estimated (LABEL_CHAR_W × font size per character, the
// average advance of a sans-serif face) because text cannot be measured before it is drawn. The font size is the
// caller's and follows the frame, not the box.
// Rule, per box in order: the first free spot of above its top-left corner, below its bottom-left corner, inside its
// top-left corner, inside its bottom-left corner, then the same four at its right edge — each shifted as needed to
// stay inside the frame; when all
// collide, the short form of the label (its track id "#7", else its first word) in the same spots; when that collides
// too, no label (the box alone), so that no two labels ever overlap.

export interface LabelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelSpot {
  x: number;
  /** Baseline y of the text. */
  y: number;
  /** What to draw there: the label, its short form when crowded, or '' (nothing) when even that does not fit. */
  text: string;
}

/** Average advance of a sans-serif glyph per px of font size. */
export const LABEL_CHAR_W = 0.6;

function overlaps(a: LabelRect, b: LabelRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** "person 0.91 #7" → "#7"; "face 0.90" → "face". */
export function shortLabel(text: string): string {
  return /#\d+/.exec(text)?.[0] ?? text.split(/\s+/)[0] ?? '';
}

/** Spots for `texts[i]` at `boxes[i]` in a frame of width × height px, font px tall. */
export function placeLabels(boxes: LabelRect[], texts: string[], font: number, width: number, height: number): LabelSpot[] {
  const taken: LabelRect[] = [];
  return boxes.map((b, i) => {
    const full = texts[i] ?? '';
    if (!full) return { x: b.x, y: b.y, text: '' };
    for (const text of full === shortLabel(full) ? [full] : [full, shortLabel(full)]) {
      const w = text.length * font * LABEL_CHAR_W;
      const clampX = (x: number) => Math.max(0, Math.min(x, width - w));
      const ys = [b.y - 4, b.y + b.height + font, b.y + font + 2, b.y + b.height - 4];
      const cands: LabelSpot[] = [clampX(b.x + 2), clampX(b.x + b.width - w - 2)]
        .flatMap((x) => ys.map((y) => ({ x, y, text })))
        .filter((s) => s.y - font >= 0 && s.y <= height);
      const rectOf = (s: LabelSpot): LabelRect => ({ x: s.x, y: s.y - font, width: w, height: font });
      const spot = cands.find((s) => !taken.some((t) => overlaps(t, rectOf(s))));
      if (spot) {
        taken.push(rectOf(spot));
        return spot;
      }
    }
    return { x: b.x, y: b.y, text: '' };
  });
}
