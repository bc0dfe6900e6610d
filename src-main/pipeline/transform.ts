// Where the original frame sits inside the model input (stretch, letterbox or center-crop), in normalised units:
// x_in = x_frame * scaleX + offsetX, y_in = y_frame * scaleY + offsetY (both spaces [0,1], x1,y1,x2,y2 boxes).
import type { Box } from '../../src-shared/formats/run';
import type { InputSpec } from '../../src-shared/types/model';

export interface InputTransform {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
  /** Pixel size of the resized frame content (equal to the input size for 'stretch'; larger for 'center-crop'). */
  contentWidth: number;
  contentHeight: number;
}

/** Transform for a frameW×frameH frame resized into spec.width×spec.height. */
export function inputTransform(frameW: number, frameH: number, spec: Pick<InputSpec, 'width' | 'height' | 'resize'>): InputTransform {
  if (spec.resize === 'stretch') {
    return { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0, contentWidth: spec.width, contentHeight: spec.height };
  }
  // letterbox: the whole frame fits (padding); center-crop: the input is filled, the frame's overhang is cut
  // (content larger than the input, negative offsets).
  const s = spec.resize === 'center-crop' ? Math.max(spec.width / frameW, spec.height / frameH) : Math.min(spec.width / frameW, spec.height / frameH);
  const cw = Math.max(1, Math.round(frameW * s));
  const ch = Math.max(1, Math.round(frameH * s));
  const padX = Math.floor((spec.width - cw) / 2);
  const padY = Math.floor((spec.height - ch) / 2);
  return {
    scaleX: cw / spec.width,
    scaleY: ch / spec.height,
    offsetX: padX / spec.width,
    offsetY: padY / spec.height,
    contentWidth: cw,
    contentHeight: ch,
  };
}

export function boxToInput(b: Box, t: InputTransform): Box {
  return [b[0] * t.scaleX + t.offsetX, b[1] * t.scaleY + t.offsetY, b[2] * t.scaleX + t.offsetX, b[3] * t.scaleY + t.offsetY];
}

/** Inverse of boxToInput (not clamped: callers clamp after mapping). */
export function boxToFrame(b: Box, t: InputTransform): Box {
  return [
    (b[0] - t.offsetX) / t.scaleX,
    (b[1] - t.offsetY) / t.scaleY,
    (b[2] - t.offsetX) / t.scaleX,
    (b[3] - t.offsetY) / t.scaleY,
  ];
}
