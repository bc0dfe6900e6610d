// The payload that flows through the replay graph: one decoded frame plus what each node adds to it.
import type { Detection, FrameTimings } from '../../src-shared/formats/run';
import type { DecodedFrame } from '../media/decode';
import type { HostTensor } from '../runtimes/types';
import type { InputTransform } from './transform';

export interface FrameState {
  frame: DecodedFrame;
  timings: FrameTimings;
  /** Set by the decode node from the cadence: the detector runs on this frame. */
  runDetector: boolean;
  /** Set by preprocess on detector frames. */
  input?: HostTensor;
  transform?: InputTransform;
  /** Set by detect: boxes in normalised original-frame coordinates. */
  detections?: Detection[];
}
