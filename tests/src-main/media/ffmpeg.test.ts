import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { findFfmpeg, parseProbe, probeClip } from '../../../src-main/media/ffmpeg';
import { decodeFrames } from '../../../src-main/media/decode';

import { CUP, VTEST, decoderContract } from './decoder-contract';

describe('findFfmpeg / probeClip', () => {
  it('finds the bundled ffmpeg (or EDGELAB_FFMPEG) with a version', () => {
    const f = findFfmpeg();
    expect(f).not.toBeNull();
    expect(f!.version.length).toBeGreaterThan(0);
  });

  it('probes cup.mp4: 640×480 H.264 at ~26.78 fps, ~217 frames', async () => {
    const p = await probeClip(CUP);
    expect(p).toMatchObject({ width: 640, height: 480, codec: 'h264' });
    expect(p.fps).toBeCloseTo(26.78, 2);
    expect(p.durationMs).toBe(8100);
    expect(Math.abs(p.frameCountEstimate - 217)).toBeLessThanOrEqual(1);
  });

  it('probes vtest.avi: 768×576 msmpeg4v3 at 10 fps', async () => {
    const p = await probeClip(VTEST);
    expect(p).toMatchObject({ width: 768, height: 576, codec: 'msmpeg4v3', fps: 10, container: 'avi' });
  });

  it('parseProbe reports a file with only audio as "no video stream"', () => {
    const stderr = "Input #0, wav, from 'a.wav':\n  Duration: 00:00:01.00, bitrate: 1411 kb/s\n    Stream #0:0: Audio: pcm_s16le, 44100 Hz, 2 channels\n";
    expect(() => parseProbe(stderr, 'a.wav')).toThrow(/a\.wav: no video stream/);
  });
});

describe('decodeFrames', () => {
  it('decodes 10 frames of cup.mp4 with sizes, increasing showinfo timestamps and real pixels', async () => {
    const frames = [];
    for await (const f of decodeFrames(CUP, { maxFrames: 10 })) frames.push(f);
    expect(frames).toHaveLength(10);
    for (const [i, f] of frames.entries()) {
      expect(f.index).toBe(i);
      expect([f.width, f.height]).toEqual([640, 480]);
      expect(f.rgb.length).toBe(640 * 480 * 3);
      expect(f.ptsSource).toBe('showinfo');
    }
    expect(frames[0].ptsMs).toBe(0);
    for (let i = 1; i < 10; i++) expect(frames[i].ptsMs).toBeGreaterThan(frames[i - 1].ptsMs);
    expect(frames[1].ptsMs).toBeCloseTo(1000 / 26.777, 1);
    const px = frames[0].rgb;
    const distinct = new Set<number>();
    for (let i = 0; i < px.length; i += 997) distinct.add(px[i]);
    expect(distinct.size).toBeGreaterThan(20);
    // each frame is its own buffer (not overwritten by the next one)
    expect(frames[0].rgb).not.toBe(frames[1].rgb);
  });

  it('scales when asked (width only keeps the aspect)', async () => {
    for await (const f of decodeFrames(CUP, { maxFrames: 1, width: 320 })) {
      expect([f.width, f.height, f.rgb.length]).toEqual([320, 240, 320 * 240 * 3]);
    }
  });

  it('writes thumbnails from the same ffmpeg, one JPEG per decoded frame, named by index', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-thumbs-'));
    try {
      let n = 0;
      for await (const f of decodeFrames(CUP, { maxFrames: 6, thumbnails: { dir, width: 160, height: 120 } })) n = f.index + 1;
      expect(n).toBe(6);
      expect((await fs.readdir(dir)).sort()).toEqual(['000000.jpg', '000001.jpg', '000002.jpg', '000003.jpg', '000004.jpg', '000005.jpg']);
      const img = jpeg.decode(await fs.readFile(join(dir, '000003.jpg')), { useTArray: true });
      expect([img.width, img.height]).toEqual([160, 120]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  decoderContract(decodeFrames);
});
