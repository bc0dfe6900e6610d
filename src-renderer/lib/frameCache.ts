// Decoded run thumbnails, least-recently-used first out, so that seeking anywhere in a run paints from memory
// (or after one getFrame + one JPEG decode of that frame only: thumbnails are independent JPEGs, nothing is
// decoded from the start). Requests for the same frame share one promise. Capacity counts decoded frames;
// at the default 320 px thumbnails (320×240×4 B ≈ 0.3 MB) 240 frames hold ≈ 74 MB.
import type { FrameImage } from '../../src-shared/api';

export interface DecodedFrame {
  image: CanvasImageSource;
  /** Pixel size of the decoded thumbnail. */
  width: number;
  height: number;
}

export type FrameSource = (run: string, frame: number) => Promise<FrameImage>;
export type FrameDecoder = (img: FrameImage) => Promise<DecodedFrame>;

/** Browser decoder: base64 JPEG → ImageBitmap (decoded off the main thread by the browser). */
export const decodeWithImageBitmap: FrameDecoder = async (img) => {
  const bin = atob(img.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const bitmap = await createImageBitmap(new Blob([bytes], { type: img.mime }));
  return { image: bitmap, width: bitmap.width, height: bitmap.height };
};

export class FrameCache {
  private readonly done = new Map<string, DecodedFrame>();
  private readonly pending = new Map<string, Promise<DecodedFrame>>();

  constructor(
    private readonly source: FrameSource,
    private readonly decode: FrameDecoder,
    readonly capacity = 240,
  ) {}

  private static key(run: string, frame: number): string {
    return `${run}#${frame}`;
  }

  /** The decoded frame if it is in memory (marks it recently used), else undefined. */
  peek(run: string, frame: number): DecodedFrame | undefined {
    const k = FrameCache.key(run, frame);
    const d = this.done.get(k);
    if (d) {
      this.done.delete(k);
      this.done.set(k, d);
    }
    return d;
  }

  get(run: string, frame: number): Promise<DecodedFrame> {
    const hit = this.peek(run, frame);
    if (hit) return Promise.resolve(hit);
    const k = FrameCache.key(run, frame);
    let p = this.pending.get(k);
    if (!p) {
      p = this.source(run, frame)
        .then(this.decode)
        .then((d) => {
          this.done.set(k, d);
          while (this.done.size > this.capacity) this.done.delete(this.done.keys().next().value!);
          return d;
        })
        .finally(() => this.pending.delete(k));
      this.pending.set(k, p);
    }
    return p;
  }

  /** Starts loading frames not yet in memory (at most `maxInFlight` requests at once); errors are ignored here. */
  prefetch(run: string, frames: readonly number[], maxInFlight = 6): void {
    for (const f of frames) {
      if (this.pending.size >= maxInFlight) return;
      const k = FrameCache.key(run, f);
      if (!this.done.has(k) && !this.pending.has(k)) this.get(run, f).catch(() => undefined);
    }
  }

  get size(): number {
    return this.done.size;
  }

  has(run: string, frame: number): boolean {
    return this.done.has(FrameCache.key(run, frame));
  }
}
