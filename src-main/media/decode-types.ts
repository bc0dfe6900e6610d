// The decodeFrames contract (media/decode.ts), shared by the in-thread decoder and the decode worker.
import type { CancelSignal } from '../../src-shared/protocol';
import type { Pyramid } from '../imaging/pyramid';
import type { ClipProbe } from './ffmpeg';

export interface DecodedFrame {
  /** 0-based decode-order index. */
  index: number;
  /** Presentation time from the clip start, ms. */
  ptsMs: number;
  ptsSource: 'showinfo' | 'fps';
  width: number;
  height: number;
  /** Packed RGB, row-major, length width*height*3. */
  rgb: Uint8Array;
  /**
   * When DecodeOptions.flowPyramid asked for it: buildPyramid(toGray(rgb, width, height, maxSide)) — the tracker's
   * working image (imaging/gray.ts, imaging/pyramid.ts), computed beside the decoder (off the consumer's thread
   * in worker mode). Exactly what the tracker would compute from `rgb`.
   */
  flow?: { maxSide: number; pyramid: Pyramid };
  /**
   * Set when DecodeOptions.graphFrames asked for it: `rgb` (width×height) is not the clip's frame but the whole frame
   * stretched by ffmpeg to the detector's input size, from a frame of this size.
   */
  stretchedFrom?: { width: number; height: number };
}

export interface DecodeOptions {
  /** Stop after this many frames (0 or undefined = all). */
  maxFrames?: number;
  /** Output size; when only one is given the other keeps the aspect ratio. Default: the clip's size. */
  width?: number;
  height?: number;
  signal?: CancelSignal;
  /** Probe already done by the caller (saves one ffmpeg run). */
  probe?: ClipProbe;
  /**
   * Also write every decoded frame as `<dir>/NNNNNN.jpg` (6-digit decode index, from 000000), scaled to
   * width×height, by the same ffmpeg process (its native MJPEG encoder, on another core). The files of the
   * frames yielded so far are complete once the iterator has finished or been closed (ffmpeg has exited).
   */
  thumbnails?: { dir: string; width: number; height: number; /** ffmpeg -q:v, 2 (best) … 31. Default 4. */ qscale?: number };
  /** Called with ffmpeg's pid right after spawn (tests check the child is gone afterwards). */
  onSpawn?: (pid: number) => void;
  /**
   * Where ffmpeg's pipe is read: 'worker' (a worker thread, so decoding overlaps work that blocks this thread),
   * 'main' (this thread), 'auto' (default: the worker when its built file is found, else this thread;
   * env EDGELAB_DECODE=main|worker overrides 'auto').
   */
  thread?: 'auto' | 'worker' | 'main';
  /** Built decode worker to run (default: decode-worker.js beside the running bundle, see decode.ts). */
  workerFile?: string;
  /** Also compute each frame's optical-flow pyramid (see DecodedFrame.flow) with this gray long-side limit, px. */
  flowPyramid?: { maxSide: number };
  /**
   * Decode at the sizes a replay graph uses instead of full RGB frames (media/graph-frames.ts): ffmpeg scales each
   * frame to the detector's input (`detector`, stretched, RGB, its bilinear scaler) and to the tracker's gray image
   * (area average at the size toGray gives for `flowMaxSide`); the frame's `rgb` is then the detector image
   * (`stretchedFrom` says so) and its `flow` pyramid is built on the gray image. Replaces width/height/flowPyramid.
   */
  graphFrames?: { detector: { width: number; height: number }; flowMaxSide: number };
  /** Worker mode: frames decoded ahead and not yet taken by the consumer, at most (≥1, default 4). */
  bufferFrames?: number;
  /**
   * Watchdog, ms: while the decoder waits on ffmpeg (not while the consumer holds a frame), ffmpeg writing nothing
   * to stdout or stderr for this long is a stall: ffmpeg is killed and the decode fails with BAD_INPUT naming the
   * clip. Default STALL_MS (decode-in-thread.ts).
   */
  stallMs?: number;
}

/** Options a worker can receive (no functions, no signal). */
export type WorkerDecodeOptions = Pick<DecodeOptions, 'maxFrames' | 'width' | 'height' | 'probe' | 'thumbnails' | 'flowPyramid' | 'stallMs' | 'graphFrames'>;
