// Box overlay drawn on a 2D canvas: one path per style (colour × solid/dashed) stroked once, then the labels.
// Canvas rather than SVG because a replay redraws every frame: 50 boxes at 1280×720 must cost ≤ 4 ms
// (measured by `npm run bench:ui`), and batching strokes keeps that to a handful of draw calls.
import type { Box } from '../../src-shared/formats/run';
import { LABEL_CHAR_W, placeLabels } from '../../src-shared/overlay/label-placement';

export interface DrawBox {
  /** Normalised x1,y1,x2,y2 in [0,1]. */
  box: Box;
  colour: string;
  dashed: boolean;
  text: string;
  /** Held after loss (persistence): drawn fainter. */
  faint?: boolean;
  /** A box of the selected event (A/B): drawn over a wide white halo, so it stands out on both frames. */
  highlight?: boolean;
}

export interface DrawOptions {
  /** Canvas pixel size the boxes are scaled to. */
  width: number;
  height: number;
  /** Pixel dash pattern of dashed boxes. */
  dash?: number[];
}


/** Black or white, whichever has the higher WCAG contrast on a #RRGGBB background (luminance above ≈ 0.179 → black). */
export function textOn(hex: string): string {
  const lin = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]! > 0.179 ? '#000' : '#fff';
}

/** Draws boxes over whatever the canvas holds (the frame). Returns the number of boxes drawn. */
export function drawBoxes(ctx: CanvasRenderingContext2D, boxes: readonly DrawBox[], o: DrawOptions): number {
  const { width: W, height: H } = o;
  const stroke = Math.max(2, W / 320);
  const font = Math.min(22, Math.max(13, Math.round(W / 44))); // px: 15 at 640 wide, 22 at 1280
  const rects = boxes.map((b) => ({
    x: Math.min(b.box[0], b.box[2]) * W,
    y: Math.min(b.box[1], b.box[3]) * H,
    width: Math.abs(b.box[2] - b.box[0]) * W,
    height: Math.abs(b.box[3] - b.box[1]) * H,
  }));
  const groups = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    const k = `${b.colour}|${b.dashed ? 1 : 0}|${b.faint ? 1 : 0}`;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  ctx.save();
  // Halo under the highlighted boxes (the selected event's objects): white, three strokes wide.
  const lit = boxes.flatMap((b, i) => (b.highlight ? [i] : []));
  if (lit.length) {
    ctx.lineWidth = stroke * 3;
    ctx.strokeStyle = '#fff';
    ctx.beginPath();
    for (const i of lit) ctx.rect(rects[i]!.x, rects[i]!.y, rects[i]!.width, rects[i]!.height);
    ctx.stroke();
  }
  ctx.lineWidth = stroke;
  for (const [k, idx] of groups) {
    const [colour, dashed, faint] = k.split('|');
    ctx.strokeStyle = colour!;
    ctx.globalAlpha = faint === '1' ? 0.5 : 1;
    ctx.setLineDash(dashed === '1' ? (o.dash ?? [3 * stroke, 2 * stroke]) : []);
    ctx.beginPath();
    for (const i of idx) ctx.rect(rects[i]!.x, rects[i]!.y, rects[i]!.width, rects[i]!.height);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  // Labels: a chip in the box colour (one path per colour, filled once) with black or white text on it —
  // legible on any picture and cheaper than outlined text (strokeText costs as much as all the boxes).
  ctx.font = `${font}px system-ui, sans-serif`;
  const texts = boxes.map((b) => b.text);
  const spots = placeLabels(rects, texts, font, W, H);
  const chipGroups = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    if (!spots[i]!.text) return;
    const k = `${b.colour}|${b.faint ? 1 : 0}`;
    const g = chipGroups.get(k);
    if (g) g.push(i);
    else chipGroups.set(k, [i]);
  });
  for (const [k, idx] of chipGroups) {
    const [colour, faint] = k.split('|');
    ctx.globalAlpha = faint === '1' ? 0.5 : 1;
    ctx.fillStyle = colour!;
    ctx.beginPath();
    for (const i of idx) ctx.rect(spots[i]!.x - 2, spots[i]!.y - font * 0.9, spots[i]!.text.length * font * LABEL_CHAR_W + 4, font * 1.15);
    ctx.fill();
    ctx.fillStyle = textOn(colour!);
    for (const i of idx) ctx.fillText(spots[i]!.text, spots[i]!.x, spots[i]!.y);
  }
  ctx.restore();
  return boxes.length;
}

/** The guide text, centred in a dark band at the bottom of the frame. */
export function drawGuide(ctx: CanvasRenderingContext2D, text: string, W: number, H: number): void {
  const font = Math.max(14, Math.round(W / 32));
  ctx.save();
  ctx.fillStyle = 'rgba(0,0,0,0.6)';
  ctx.fillRect(0, H - font * 2.4, W, font * 2.4);
  ctx.fillStyle = '#fff';
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, W / 2, H - font * 1.2);
  ctx.restore();
}
