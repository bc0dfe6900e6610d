// Run thumbnails in two tiers so that seeking anywhere in a run paints from memory:
//  - JPEG bytes (getFrame answers, ~10–20 kB each), kept for every frame asked or warmed (bounded by
//    `maxBytesEntries`), filled in the background by warm() — a whole 217-frame clip is ~3 MB;
//  - decoded pictures (ImageBitmap), least-recently-used out beyond `capacity` (320×240×4 B ≈ 0.3 MB each).
// A miss decodes one independent JPEG (thumbnails are stored per frame: nothing is decoded from the start).
// Requests for the same frame share one promise; a user's get() never queues behind warming.
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

const key = (run: string, frame: number) => `${run}#${frame}`;

export class FrameCache {
  private readonly decoded = new Map<string, DecodedFrame>();
  private readonly bytes = new Map<string, FrameImage>();
  private readonly pendingBytes = new Map<string, Promise<FrameImage>>();
  private readonly pendingDecode = new Map<string, Promise<DecodedFrame>>();
  private warmQueue: { run: string; frame: number }[] = [];
  private warming = 0;
  /** get() calls waiting for bytes: warming starts no new request meanwhile (the engine serves one at a time). */
  private urgent = 0;

  constructor(
    private readonly source: FrameSource,
    private readonly decode: FrameDecoder,
    readonly capacity = 240,
    readonly maxBytesEntries = 5000,
    /** Background requests in flight at once. */
    readonly warmConcurrency = 2,
  ) {}

  /** The decoded frame if it is in memory (marks it recently used), else undefined. */
  peek(run: string, frame: number): DecodedFrame | undefined {
    const k = key(run, frame);
    const d = this.decoded.get(k);
    if (d) {
      this.decoded.delete(k);
      this.decoded.set(k, d);
    }
    return d;
  }

  has(run: string, frame: number): boolean {
    return this.decoded.has(key(run, frame));
  }

  hasBytes(run: string, frame: number): boolean {
    return this.bytes.has(key(run, frame));
  }

  get size(): number {
    return this.decoded.size;
  }

  private loadBytes(run: string, frame: number): Promise<FrameImage> {
    const k = key(run, frame);
    const hit = this.bytes.get(k);
    if (hit) return Promise.resolve(hit);
    let p = this.pendingBytes.get(k);
    if (!p) {
      p = this.source(run, frame)
        .then((img) => {
          this.bytes.set(k, img);
          while (this.bytes.size > this.maxBytesEntries) this.bytes.delete(this.bytes.keys().next().value!);
          return img;
        })
        .finally(() => this.pendingBytes.delete(k));
      this.pendingBytes.set(k, p);
    }
    return p;
  }

  get(run: string, frame: number): Promise<DecodedFrame> {
    const hit = this.peek(run, frame);
    if (hit) return Promise.resolve(hit);
    const k = key(run, frame);
    let p = this.pendingDecode.get(k);
    if (!p) {
      const wait = !this.bytes.has(k);
      if (wait) this.urgent++;
      const bytes = this.loadBytes(run, frame).finally(() => {
        if (!wait) return;
        this.urgent--;
        this.pump();
      });
      p = bytes
        .then(this.decode)
        .then((d) => {
          this.decoded.set(k, d);
          while (this.decoded.size > this.capacity) this.decoded.delete(this.decoded.keys().next().value!);
          return d;
        })
        .finally(() => this.pendingDecode.delete(k));
      this.pendingDecode.set(k, p);
    }
    return p;
  }

  /** Decodes frames (e.g. just ahead of the playhead) not yet decoded, at most `maxInFlight` decodes at once. */
  prefetch(run: string, frames: readonly number[], maxInFlight = 6): void {
    for (const f of frames) {
      if (this.pendingDecode.size >= maxInFlight) return;
      if (!this.has(run, f) && !this.pendingDecode.has(key(run, f))) this.get(run, f).catch(() => undefined);
    }
  }

  /** Queues the JPEG bytes of frames for background loading (`warmConcurrency` at a time), in the given order. */
  warm(run: string, frames: readonly number[]): void {
    const queued = new Set(this.warmQueue.map((q) => key(q.run, q.frame)));
    for (const frame of frames) {
      const k = key(run, frame);
      if (!this.bytes.has(k) && !queued.has(k)) this.warmQueue.push({ run, frame });
    }
    this.pump();
  }

  /** warm() for several runs of one clip, frame by frame in turn (so both sides of an A/B fill together). */
  warmAll(runs: readonly string[], frames: readonly number[]): void {
    for (const f of frames) for (const r of runs) this.warm(r, [f]);
  }

  private pump(): void {
    while (this.urgent === 0 && this.warming < this.warmConcurrency && this.warmQueue.length) {
      const { run, frame } = this.warmQueue.shift()!;
      if (this.bytes.has(key(run, frame))) continue;
      this.warming++;
      this.loadBytes(run, frame)
        .catch(() => undefined)
        .finally(() => {
          this.warming--;
          this.pump();
        });
    }
  }
}
