// The payload that flows through the replay graph: one decoded frame plus what each node adds to it.
import type { Detection, FrameTimings } from '../../src-shared/formats/run';
import type { DecodedFrame } from '../media/decode';
import type { HostTensor } from '../runtimes/types';
import type { TrackOutput } from '../tracking/tracker';
import type { InputTransform } from './transform';

export interface FrameState {
  frame: DecodedFrame;
  timings: FrameTimings;
  /**
   * Set by the cadence node (nodes/cadence.ts): the detector starts on this frame. Preprocess prepares the input,
   * detect runs it, track keeps the frame's pyramid until delivery. False until the cadence node has decided.
   */
  runDetector: boolean;
  /**
   * Set by the cadence node: the frame whose detection arrives on this frame, before any start on it (null: none).
   * A detection delivered on its own start frame is not named here: detect learns it from the cadence node.
   */
  deliverFrom?: number | null;
  /** Set by preprocess on detector frames. */
  input?: HostTensor;
  transform?: InputTransform;
  /** Set by detect: a detector result delivered on this frame (boxes found on frame `fromFrame`). */
  delivered?: { fromFrame: number; detections: Detection[] };
  /**
   * Set by detect in its overlapped mode instead of `delivered`: the result still being computed. The track node
   * awaits it (settleDelivery) before it tracks the frame.
   */
  delivering?: Promise<{ fromFrame: number; detections: Detection[] }>;
  /** Set by track: the live tracks on this frame. */
  tracks?: TrackOutput[];
  /** Set by track: the boxes shown on this frame (tracks as detections with trackId). */
  detections?: Detection[];
}

/** Turns a result still being computed (`delivering`) into `delivered` (and the frame's raw `detections`) once it is ready. */
export async function settleDelivery(s: FrameState): Promise<void> {
  if (!s.delivering) return;
  const d = await s.delivering;
  s.delivering = undefined;
  s.delivered = d;
  s.detections = d.detections; // raw boxes; the track node replaces them with tracks
}
