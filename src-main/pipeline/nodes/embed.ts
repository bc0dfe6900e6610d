// Embed node: when a track is confirmed or detected again after a missed detector pass, crops its box from the
// full-resolution frame, runs the embedder, appends the vector to the run's embeddings.f32 and records what the
// vector costs as float32 / float16 / int8 beside the JPEG of the same crop (quality EMBED_JPEG_QUALITY).
import { encodeJpeg } from '../../media/image';
import { cropRgb } from '../../embedding/crop';
import type { Embedder } from '../../embedding/embedder';
import { encodeFloat16, encodeFloat32, encodeInt8 } from '../../embedding/payload';
import { EmbeddingStore } from '../../embedding/store';
import type { CalculatorNode } from '../node';
import type { FrameState } from '../frame';
import type { Packet } from '../packet';

export const EMBED_JPEG_QUALITY = 80;
/** Crop margin around the box, fraction of its size per side. */
export const EMBED_CROP_MARGIN = 0.1;

export class EmbedNode implements CalculatorNode<FrameState, FrameState> {
  readonly name = 'embed';
  readonly store: EmbeddingStore;

  constructor(private readonly embedder: Embedder, dir: string) {
    this.store = new EmbeddingStore(dir, embedder.dims);
  }

  async open(): Promise<void> {
    await this.store.open();
  }

  async process(p: Packet<FrameState>): Promise<Packet<FrameState>[]> {
    const s = p.payload;
    const t0 = performance.now();
    for (const t of s.tracks ?? []) {
      if (!t.event) continue;
      const crop = cropRgb(s.frame, t.box, EMBED_CROP_MARGIN);
      if (!crop) continue;
      const v = await this.embedder.embed(crop);
      await this.store.append(v, {
        trackId: t.id,
        frame: p.frameIndex,
        ptsMs: p.timestampMs,
        box: t.box,
        reason: t.event,
        cropWidth: crop.width,
        cropHeight: crop.height,
        bytes: {
          float32: encodeFloat32(v).length,
          float16: encodeFloat16(v).length,
          int8: encodeInt8(v).length,
          jpeg: encodeJpeg(crop.rgb, crop.width, crop.height, EMBED_JPEG_QUALITY).length,
        },
      });
    }
    s.timings.embedMs = performance.now() - t0;
    return [p];
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
