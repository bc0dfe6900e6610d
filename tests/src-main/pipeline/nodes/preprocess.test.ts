import { describe, expect, it } from 'vitest';
import type { InputSpec } from '../../../../src-shared/types/model';
import { preprocess } from '../../../../src-main/pipeline/nodes/preprocess';

/** 4×2 RGB frame: pixel (x,y) = [10x+y, 100+10x+y, 200+x+y]. */
function frame(): Uint8Array {
  const a = new Uint8Array(4 * 2 * 3);
  for (let y = 0; y < 2; y++)
    for (let x = 0; x < 4; x++) a.set([10 * x + y, 100 + 10 * x + y, 200 + x + y], (y * 4 + x) * 3);
  return a;
}
const base: InputSpec = { width: 4, height: 2, layout: 'NHWC', dtype: 'float32', range: [0, 255], resize: 'stretch', channels: 'RGB' };

describe('preprocess', () => {
  it('NHWC float 0..255 at the same size is the frame itself', () => {
    const { tensor } = preprocess(frame(), 4, 2, base);
    expect(tensor.shape).toEqual([1, 2, 4, 3]);
    expect(tensor.dtype).toBe('float32');
    expect(Array.from(tensor.data)).toEqual(Array.from(frame()));
  });

  it('NCHW puts each channel in its own plane; BGR swaps R and B', () => {
    const { tensor } = preprocess(frame(), 4, 2, { ...base, layout: 'NCHW', channels: 'BGR' });
    expect(tensor.shape).toEqual([1, 3, 2, 4]);
    const d = tensor.data;
    // plane 0 = B, plane 2 = R; pixel (x=2, y=1) sits at offset y*4+x = 6 in each plane
    expect([d[6], d[8 + 6], d[16 + 6]]).toEqual([200 + 3, 100 + 21, 21]);
  });

  it('maps 0..255 linearly onto the range ([-1,1] and [0,1]) and rounds for int32', () => {
    const px = new Uint8Array([0, 255, 51, 0, 255, 51]);
    const a = preprocess(px, 2, 1, { ...base, width: 2, height: 1, range: [-1, 1] }).tensor.data;
    expect(Array.from(a.slice(0, 3))).toEqual([-1, 1, Math.fround(51 / 127.5 - 1)]);
    const b = preprocess(px, 2, 1, { ...base, width: 2, height: 1, range: [0, 1] }).tensor.data;
    expect(b[2]).toBeCloseTo(0.2, 6);
    const c = preprocess(px, 2, 1, { ...base, width: 2, height: 1, dtype: 'int32' }).tensor;
    expect(c.data).toBeInstanceOf(Int32Array);
    expect(Array.from(c.data.slice(0, 3))).toEqual([0, 255, 51]);
  });

  it('letterbox pads with black (range low end) and keeps the content centred', () => {
    const white = new Uint8Array(8 * 2 * 3).fill(255); // 8×2 frame into 4×4 → content 4×1, pad 1 row above
    const { tensor, transform } = preprocess(white, 8, 2, { ...base, width: 4, height: 4, resize: 'letterbox', range: [-1, 1] });
    expect([transform.contentWidth, transform.contentHeight]).toEqual([4, 1]);
    const row = (y: number) => Array.from(tensor.data.slice(y * 12, y * 12 + 12));
    expect(row(0).every((v) => v === -1)).toBe(true);
    expect(row(1).every((v) => v === 1)).toBe(true);
    expect(row(2).every((v) => v === -1)).toBe(true);
    expect(transform.offsetY).toBe(0.25);
  });

  it('per-channel mean/std after the range, in the tensor channel order (BGR: mean[0] is for B)', () => {
    const px = new Uint8Array([0, 255, 51]);
    const spec: InputSpec = { ...base, width: 1, height: 1, layout: 'NCHW', range: [0, 1], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
    const a = preprocess(px, 1, 1, spec).tensor.data;
    [(0 - 0.485) / 0.229, (1 - 0.456) / 0.224, (0.2 - 0.406) / 0.225].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 5));
    const b = preprocess(px, 1, 1, { ...spec, channels: 'BGR' }).tensor.data;
    [(0.2 - 0.485) / 0.229, (1 - 0.456) / 0.224, (0 - 0.406) / 0.225].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
  });

  it('uint8 input: Uint8Array, rounded and clamped to 0..255', () => {
    const px = new Uint8Array([0, 255, 51]);
    const t = preprocess(px, 1, 1, { ...base, width: 1, height: 1, dtype: 'uint8' }).tensor;
    expect(t.dtype).toBe('uint8');
    expect(t.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(t.data)).toEqual([0, 255, 51]);
    const c = preprocess(px, 1, 1, { ...base, width: 1, height: 1, dtype: 'uint8', mean: [-10, 10, 0] }).tensor.data;
    expect(Array.from(c)).toEqual([10, 245, 51]);
  });

  it('letterbox padding takes padValue (0..255 units, before range and mean/std), 0 by default', () => {
    // 4×2 frame into 4×4: content rows 1..2, pad rows 0 and 3
    const spec: InputSpec = { ...base, height: 4, resize: 'letterbox', range: [0, 1], layout: 'NCHW', padValue: 114 };
    const d = preprocess(frame(), 4, 2, spec).tensor.data;
    for (const c of [0, 1, 2]) for (const p of [0, 3, 12, 15]) expect(d[c * 16 + p]).toBeCloseTo(114 / 255, 6);
    expect(d[4]).toBeCloseTo(frame()[0] / 255, 6);
    const z = preprocess(frame(), 4, 2, { ...spec, padValue: undefined }).tensor.data;
    expect(z[0]).toBe(0);
    const m = preprocess(frame(), 4, 2, { ...spec, layout: 'NHWC', mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] }).tensor.data;
    expect(m[0]).toBeCloseTo((114 / 255 - 0.5) / 0.5, 6);
  });

  it('center-crop: the frame covers the input, the overhang is cut evenly (negative offsets)', () => {
    // 4×2 frame into 2×2: scale 1, columns 1..2 kept
    const { tensor, transform } = preprocess(frame(), 4, 2, { ...base, width: 2, height: 2, resize: 'center-crop' });
    const f = frame();
    expect(Array.from(tensor.data)).toEqual([...f.slice(3, 9), ...f.slice(15, 21)]);
    expect(transform.offsetX).toBe(-0.5);
    expect(transform.scaleX).toBe(2);
  });
});
