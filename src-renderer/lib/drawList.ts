// What the canvas draws for a frame: raw run detections, or the overlay as designed (src-shared/overlay).
import type { Detection } from '../../src-shared/formats/run';
import type { OverlayFrame } from '../../src-shared/overlay/types';
import type { DrawBox } from './drawBoxes';
import { detectionLabel } from './format';

export function rawBoxes(dets: readonly Detection[], colour: string): DrawBox[] {
  return dets.map((d) => ({ box: d.box, colour, dashed: d.source === 'propagated', text: detectionLabel(d) }));
}

export function designedBoxes(f: OverlayFrame | undefined, colour: string): DrawBox[] {
  return (f?.boxes ?? []).map((b) => ({ box: b.box, colour, dashed: b.source === 'propagated', text: b.text, faint: b.held }));
}
