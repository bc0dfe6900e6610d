// Messages between decode.ts (the consumer thread) and decode-worker.ts. Flow control is by credit: the worker
// posts a frame only while fewer than `capacity` frames are posted and not yet taken; each `take` returns one
// credit. Without credit the worker stops pulling frames, so ffmpeg's stdout is not read and ffmpeg blocks.
import type { ErrorPayload } from '../../src-shared/protocol';
import type { DecodedFrame, WorkerDecodeOptions } from './decode-types';

export interface DecodeWorkerData {
  path: string;
  options: WorkerDecodeOptions;
  /** Frames posted and not yet taken, at most (≥1). */
  capacity: number;
}

export type ToWorker =
  /** The consumer took one frame out of its buffer. */
  | { type: 'take' }
  /** Abort: kill ffmpeg, end with CANCELLED. */
  | { type: 'cancel' }
  /** The consumer stopped early: kill ffmpeg, end without error. */
  | { type: 'stop' };

export type FromWorker =
  | { type: 'spawn'; pid: number }
  /** The frame; its `rgb` and flow pyramid level buffers are transferred (detached on the worker's side). */
  | { type: 'frame'; frame: DecodedFrame }
  /** Last message: ffmpeg has exited and been reaped (thumbnails complete). */
  | { type: 'end'; error?: ErrorPayload };
