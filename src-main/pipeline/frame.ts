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
   * Set by the decode node when the schedule is known in advance (fixed latency): preprocess prepares the input.
   * Set by detect to whether the detector really started on this frame.
   */
  runDetector: boolean;
  /** Set by preprocess on detector frames. */
  input?: HostTensor;
  transform?: InputTransform;
  /** Set by detect: a detector result delivered on this frame (boxes found on frame `fromFrame`). */
  delivered?: { fromFrame: number; detections: Detection[] };
  /** Set by track: the live tracks on this frame. */
  tracks?: TrackOutput[];
  /** Set by track: the boxes shown on this frame (tracks as detections with trackId). */
  detections?: Detection[];
}
