import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { SinkNode, thumbnailName, thumbnailSizeFor } from '../../../../src-main/pipeline/nodes/sink';
import { silentJob } from '../../../../src-main/jobs/context';
import { CUP, framesAt } from '../fixtures';

describe('SinkNode', () => {
  it('records frames in order and encodes thumbnails itself when the decoder does not', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-sink-'));
    try {
      const frames = await framesAt(CUP, [0, 1, 2]);
      const seen: number[] = [];
      const sink = new SinkNode({ dir, thumbnailSize: 200, onFrame: (r) => seen.push(r.index) });
      await sink.open(silentJob);
      for (const f of frames) {
        const timings = { decodeMs: 1, preprocessMs: 2, inferenceMs: 3, postprocessMs: 4 };
        await sink.process({ frameIndex: f.index, timestampMs: f.ptsMs, payload: { frame: f, runDetector: f.index !== 1, timings, detections: [] } });
      }
      sink.close();
      expect(seen).toEqual([0, 1, 2]);
      expect(sink.records.map((r) => [r.index, r.detected, r.thumbnail])).toEqual([
        [0, true, 'frames/000000.jpg'],
        [1, false, 'frames/000001.jpg'],
        [2, true, 'frames/000002.jpg'],
      ]);
      expect(sink.thumbnails).toEqual({ width: 200, height: 150 });
      const img = jpeg.decode(await fs.readFile(join(dir, thumbnailName(2))), { useTArray: true });
      expect([img.width, img.height]).toEqual([200, 150]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('never upscales a thumbnail', () => {
    expect(thumbnailSizeFor(640, 480, 4096)).toEqual({ width: 640, height: 480 });
    expect(thumbnailSizeFor(720, 528, 160)).toEqual({ width: 160, height: 117 });
  });
});
