// What the canvas draws for a frame: raw run detections, or the overlay as designed (src-shared/overlay).
import type { Detection } from '../../src-shared/formats/run';
import type { OverlayFrame } from '../../src-shared/overlay/types';
import type { DrawBox } from './drawBoxes';
import { detectionLabel } from './format';

/** `highlight`: track ids whose boxes are drawn highlighted (the selected event's objects). */
export function rawBoxes(dets: readonly Detection[], colour: string, highlight?: ReadonlySet<number>): DrawBox[] {
  return dets.map((d) => ({ box: d.box, colour, dashed: d.source === 'propagated', text: detectionLabel(d), ...lit(d.trackId, highlight) }));
}

export function designedBoxes(f: OverlayFrame | undefined, colour: string, highlight?: ReadonlySet<number>): DrawBox[] {
  return (f?.boxes ?? []).map((b) => ({ box: b.box, colour, dashed: b.source === 'propagated', text: b.text, faint: b.held, ...lit(b.trackId, highlight) }));
}

const lit = (trackId: number | undefined, highlight?: ReadonlySet<number>) => (trackId !== undefined && highlight?.has(trackId) ? { highlight: true } : {});
