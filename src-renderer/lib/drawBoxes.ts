// Box overlay drawn on a 2D canvas: one path per style (colour × solid/dashed) stroked once, then the labels.
// Canvas rather than SVG because a replay redraws every frame: 50 boxes at 1280×720 must cost ≤ 4 ms
// (measured by `npm run bench:ui`), and batching strokes keeps that to a handful of draw calls.
import type { Box } from '../../src-shared/formats/run';
import { placeLabels } from './labels';

export interface DrawBox {
  /** Normalised x1,y1,x2,y2 in [0,1]. */
  box: Box;
  colour: string;
  dashed: boolean;
  text: string;
  /** Held after loss (persistence): drawn fainter. */
  faint?: boolean;
}

export interface DrawOptions {
  /** Canvas pixel size the boxes are scaled to. */
  width: number;
  height: number;
  /** Pixel dash pattern of dashed boxes. */
  dash?: number[];
}

/** Draws boxes over whatever the canvas holds (the frame). Returns the number of boxes drawn. */
export function drawBoxes(ctx: CanvasRenderingContext2D, boxes: readonly DrawBox[], o: DrawOptions): number {
  const { width: W, height: H } = o;
  const stroke = Math.max(2, W / 320);
  const font = Math.min(24, Math.max(12, Math.round(W / 40))); // px: 16 at 640 wide, 24 at 1280
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
  ctx.globalAlpha = 1;
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#000';
  const texts = boxes.map((b) => b.text);
  const spots = placeLabels(rects, texts, font, H);
  boxes.forEach((b, i) => {
    if (!b.text) return;
    ctx.fillStyle = b.colour;
    ctx.strokeText(b.text, spots[i]!.x, spots[i]!.y);
    ctx.fillText(b.text, spots[i]!.x, spots[i]!.y);
  });
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
