// Terminal node: turns each frame into a FrameRecord (in frame order) with its thumbnail `frames/NNNNNN.jpg`
// (long side = thumbnailSize px, never upscaled) under the run directory being built. Thumbnails are either
// already written by the decoding ffmpeg (`byDecoder`: native MJPEG on another core, ~1 ms/frame) or
// encoded here with jpeg-js (pure JS, tens of ms per 320 px frame: the fallback for other sources).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { RUN_FRAMES_DIR, type FrameRecord } from '../../../src-shared/formats/run';
import type { JobContext } from '../../jobs/context';
import { encodeJpeg, fitLongSide, resizeRgb } from '../../media/image';
import type { CalculatorNode } from '../node';
import type { FrameState } from '../frame';
import type { Packet } from '../packet';

export const THUMBNAIL_QUALITY = 80;

/** Thumbnail size for a w×h frame: long side `thumbnailSize`, capped at the frame's own size. */
export function thumbnailSizeFor(w: number, h: number, thumbnailSize: number): { width: number; height: number } {
  return fitLongSide(w, h, Math.min(thumbnailSize, Math.max(w, h)));
}

/** `frames/000123.jpg`: run-dir-relative thumbnail path of frame `index`. */
export function thumbnailName(index: number): string {
  return `${RUN_FRAMES_DIR}/${String(index).padStart(6, '0')}.jpg`;
}

export interface SinkOptions {
  /** Run directory being built (a temp dir). */
  dir: string;
  thumbnailSize: number;
  /** Thumbnails of this size are written by the decode node (DecodeNodeOptions.thumbnails); only recorded here. */
  byDecoder?: { width: number; height: number };
  /** Called after each frame is recorded (progress). */
  onFrame?: (record: FrameRecord) => void;
}

export class SinkNode implements CalculatorNode<FrameState, never> {
  readonly name = 'sink';
  readonly records: FrameRecord[] = [];
  thumbnails: { width: number; height: number } | null = null;

  constructor(private readonly opts: SinkOptions) {}

  async open(_ctx: JobContext): Promise<void> {
    // Not recursive: the run dir is the caller's temp dir; if the replay failed and removed it while this open was
    // still pending (another node's open rejected first), a recursive mkdir would re-create it as a leftover.
    if (this.opts.thumbnailSize > 0) {
      await fs.mkdir(join(this.opts.dir, RUN_FRAMES_DIR)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
    }
  }

  async process(p: Packet<FrameState>): Promise<never[]> {
    const s = p.payload;
    const rec: FrameRecord = {
      index: p.frameIndex,
      ptsMs: p.timestampMs,
      detected: s.runDetector,
      ...(s.delivered ? { deliveredFrom: s.delivered.fromFrame } : {}),
      detections: s.detections ?? s.delivered?.detections ?? [],
      timings: s.timings,
    };
    if (this.opts.byDecoder) {
      rec.thumbnail = thumbnailName(p.frameIndex);
      this.thumbnails = this.opts.byDecoder;
    } else if (this.opts.thumbnailSize > 0) {
      const { width: w, height: h, rgb } = s.frame;
      const size = thumbnailSizeFor(w, h, this.opts.thumbnailSize);
      const img = size.width === w && size.height === h ? rgb : resizeRgb(rgb, w, h, size.width, size.height);
      const name = thumbnailName(p.frameIndex);
      await fs.writeFile(join(this.opts.dir, name), encodeJpeg(img, size.width, size.height, THUMBNAIL_QUALITY));
      rec.thumbnail = name;
      this.thumbnails = size;
    }
    this.records.push(rec);
    this.opts.onFrame?.(rec);
    return [];
  }

  close(): void {}
}
