// EmbedNode with the real MobileNetV2 feature embedder: one row per track event, written to embeddings.f32, with
// the payload sizes of the vector and the JPEG bytes of the same crop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { cropRgb } from '../../../../src-main/embedding/crop';
import { openEmbedder, type Embedder } from '../../../../src-main/embedding/embedder';
import { EMBED_CROP_MARGIN, EMBED_JPEG_QUALITY, EmbedNode } from '../../../../src-main/pipeline/nodes/embed';
import type { FrameState } from '../../../../src-main/pipeline/frame';
import { encodeJpeg } from '../../../../src-main/media/image';
import { bundled, CUP, framesAt } from '../fixtures';

let emb: Embedder;
let dir = '';
beforeAll(async () => {
  const b = bundled('ssd-mobilenet-v2-features');
  emb = await openEmbedder(b.path, b.format, b.meta);
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-embed-'));
}, 60_000);
afterAll(async () => {
  await emb?.dispose();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('EmbedNode', () => {
  it('embeds only tracks with an event; sizes of float32/float16/int8 and of the JPEG crop', async () => {
    const [f] = await framesAt(CUP, [80]);
    const box: [number, number, number, number] = [0.3, 0.2, 0.7, 0.8];
    const base = { score: 0.9, classId: 47, label: 'cup', source: 'detected' as const, confirmed: true };
    const s: FrameState = {
      frame: f,
      runDetector: true,
      timings: { decodeMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 },
      tracks: [
        { ...base, id: 1, box, event: 'confirmed' },
        { ...base, id: 2, box: [0, 0, 0.2, 0.2] }, // no event: not embedded
        { ...base, id: 3, box: [0.05, 0.05, 0.3, 0.4], event: 'redetected' },
      ],
    };
    const node = new EmbedNode(emb, dir);
    await node.open();
    await node.process({ frameIndex: 80, timestampMs: f.ptsMs, payload: s });
    await node.close();
    const items = node.store.items;
    expect(items.map((i) => [i.row, i.trackId, i.reason, i.frame])).toEqual([
      [0, 1, 'confirmed', 80],
      [1, 3, 'redetected', 80],
    ]);
    expect((await fs.stat(join(dir, 'embeddings.f32'))).size).toBe(2 * 1280 * 4);
    const crop = cropRgb(f, box, EMBED_CROP_MARGIN)!;
    expect([items[0].cropWidth, items[0].cropHeight]).toEqual([crop.width, crop.height]);
    const jpg = encodeJpeg(crop.rgb, crop.width, crop.height, EMBED_JPEG_QUALITY);
    expect(items[0].bytes).toEqual({ float32: 5120, float16: 2560, int8: 1284, jpeg: jpg.length });
    expect(jpeg.decode(jpg).width).toBe(crop.width);
    // the stored vector is the embedder's vector of that crop
    const buf = await fs.readFile(join(dir, 'embeddings.f32'));
    const row0 = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + 5120));
    expect(row0).toEqual(await emb.embed(crop));
    expect(s.timings.embedMs).toBeGreaterThan(0);
    expect(node.store.meanBytes().float16).toBe(2560);
  });
});
