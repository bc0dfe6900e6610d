// framesFrom on the real bundled clip (ffmpeg decode): frames start at the asked decode index, byte-identical to
// preprocessing that decoded frame directly; a start past the end is refused naming the clip.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCalibrationSource } from '../../../src-main/calibration/reader';
import { framesFrom } from '../../../src-main/layers/frames';
import { decodeFrames } from '../../../src-main/media/decode';
import { preprocess } from '../../../src-main/pipeline/nodes/preprocess';
import type { InputSpec } from '../../../src-shared/types/model';

const CUP = join(import.meta.dirname, '..', '..', '..', 'samples', 'cup.mp4');
const SPEC: InputSpec = { name: 'x', width: 32, height: 24, layout: 'NHWC', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' } as InputSpec;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('framesFrom', () => {
  it('yields frames startFrame… with their decode index, equal to the directly decoded frames', async () => {
    const got = await collect(framesFrom(await openCalibrationSource(CUP), SPEC, 100, 2));
    expect(got.map((f) => f.index)).toEqual([100, 101]);
    const direct = (await collect(decodeFrames(CUP, { maxFrames: 102 }))).slice(100);
    for (let i = 0; i < 2; i++) {
      const want = preprocess(direct[i].rgb, direct[i].width, direct[i].height, SPEC).tensor;
      expect(Buffer.from((got[i].tensor.data as Float32Array).buffer).equals(Buffer.from((want.data as Float32Array).buffer))).toBe(true);
    }
    // a different frame really is different (the clip moves between frame 0 and 100)
    const first = (await collect(framesFrom(await openCalibrationSource(CUP), SPEC, 0, 1)))[0];
    expect(Buffer.from((first.tensor.data as Float32Array).buffer).equals(Buffer.from((got[0].tensor.data as Float32Array).buffer))).toBe(false);
  });

  it('stops at the end of the clip and refuses a start past it, naming the clip', async () => {
    const tail = await collect(framesFrom(await openCalibrationSource(CUP), SPEC, 215, 5));
    expect(tail.map((f) => f.index)).toEqual([215, 216]);
    const err = await collect(framesFrom(await openCalibrationSource(CUP), SPEC, 5000, 1)).catch((e) => e);
    expect(err).toMatchObject({ code: 'BAD_INPUT', file: CUP });
    expect(String(err.message)).toMatch(/past the end/);
  });
});
