// Types of the overlay pipeline (src-shared/overlay/pipeline.ts): what the app would draw on the phone, frame by
// frame, from a run's boxes and the designer's settings (src-shared/types/settings.ts).
import type { Detection } from '../formats/run';

/** One input frame: a run's frame record, reduced to what the overlay needs. */
export interface OverlayInputFrame {
  /** 0-based frame index. */
  index: number;
  /** Presentation time from the clip start, ms (non-decreasing over the sequence). */
  ptsMs: number;
  detections: Detection[];
}

/** A box as the overlay draws it. `box` is normalised x1,y1,x2,y2 like the run's. */
export interface OverlayBox extends Detection {
  /** Text drawn with the box (label template filled in). */
  text: string;
  /** True while the box is held on screen after its object was lost (persistence). */
  held: boolean;
}

export interface OverlayFrame {
  index: number;
  ptsMs: number;
  boxes: OverlayBox[];
  /** The "nothing detected" guide is shown on this frame. */
  guide: boolean;
  /** Frame whose boxes are on screen under the simulated device delay (null = none delivered yet). */
  sourceFrame: number | null;
}
