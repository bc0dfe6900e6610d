// The new decoders on hand-made tensors: the cases the SSD re-encodings (relayout.test.ts) do not reach.
import { describe, expect, it } from 'vitest';
import { fittingLayouts } from '../../../../src-main/pipeline/decoders/fit';
import { getDecoder } from '../../../../src-main/pipeline/decoders/registry';
import type { HostTensor } from '../../../../src-main/runtimes/types';

const f32 = (shape: number[], values: number[]): HostTensor => ({ data: Float32Array.from(values), shape, dtype: 'float32' });
const ctx = { scoreThreshold: 0.5 };
const input = { width: 640, height: 320 };

describe('yolo-v8', () => {
  it('pixel coordinates need an input size: params {} without an input spec is BAD_INPUT', () => {
    expect(() => getDecoder({ kind: 'yolo-v8', params: {} })).toThrow(/need the input size/);
    expect(getDecoder({ kind: 'yolo-v8', params: { inputWidth: 640, inputHeight: 320 } }).outputs).toEqual([]);
  });
  it('channels-first [1, 4+C, N] without the batch dim, classIdOffset, normalised by the input spec', () => {
    // C = 2, N = 3 (channels-first: the 6 rows are cx, cy, w, h, class 0, class 1)
    const t = f32([6, 3], [320, 0, 0, 160, 0, 0, 64, 0, 0, 32, 0, 0, 0.1, 0.2, 0.3, 0.9, 0.1, 0.2]);
    const out = getDecoder({ kind: 'yolo-v8', params: { classIdOffset: 1 } }, { input }).decode({ y: t }, ctx);
    expect(out).toHaveLength(1);
    expect(out[0].classId).toBe(2);
    expect(out[0].score).toBeCloseTo(0.9, 6);
    [0.45, 0.45, 0.55, 0.55].forEach((v, i) => expect(out[0].box[i]).toBeCloseTo(v, 6));
  });
});

describe('yolo-v5', () => {
  it('score = objectness × best class score; a low objectness drops the row', () => {
    // N = 8 rows of 5 + 2 (rows must outnumber columns); row 0 passes (0.8 × 0.9), row 1 not (0.6 × 0.7 < 0.5)
    const rows = Array.from({ length: 8 }, () => [0, 0, 0, 0, 0, 0, 0]);
    rows[0] = [320, 160, 64, 32, 0.8, 0.2, 0.9];
    rows[1] = [320, 160, 64, 32, 0.6, 0.7, 0.1];
    const out = getDecoder({ kind: 'yolo-v5' }, { input }).decode({ y: f32([1, 8, 7], rows.flat()) }, ctx);
    expect(out).toHaveLength(1);
    expect(out[0].score).toBeCloseTo(0.72, 6);
    expect(out[0].classId).toBe(1);
  });
});

describe('detections', () => {
  it('split: N×C scores (best column is the class), count limits the rows, empty outputs decode to nothing', () => {
    const d = getDecoder({ kind: 'detections', params: { boxes: 'b', scores: 's', count: 'n' } });
    expect(d.outputs).toEqual(['b', 's', 'n']);
    const b = f32([1, 2, 4], [0.1, 0.1, 0.2, 0.2, 0.5, 0.5, 0.6, 0.6]);
    const s = f32([1, 2, 3], [0.1, 0.8, 0.1, 0.9, 0, 0]);
    expect(d.decode({ b, s, n: f32([1], [2]) }, ctx).map((r) => [r.classId, r.score])).toEqual([[1, expect.closeTo(0.8, 6)], [0, expect.closeTo(0.9, 6)]]);
    expect(d.decode({ b, s, n: f32([1], [1]) }, ctx)).toHaveLength(1);
    expect(d.decode({ b: f32([0, 4], []), s: f32([0], []), n: f32([1], [0]) }, ctx)).toEqual([]);
  });
  it('packed with cx/cy/w/h and a batch column (rows of batch 0 only), "_" ignored', () => {
    const d = getDecoder({ kind: 'detections', params: { output: 'o', columns: ['batch', 'cx', 'cy', 'w', 'h', '_', 'score', 'class'] } });
    const o = f32([2, 8], [0, 0.5, 0.5, 0.2, 0.2, 7, 0.9, 3, 1, 0.5, 0.5, 0.2, 0.2, 7, 0.9, 4]);
    const out = d.decode({ o }, ctx);
    expect(out.map((r) => r.classId)).toEqual([3]);
    [0.4, 0.4, 0.6, 0.6].forEach((v, i) => expect(out[0].box[i]).toBeCloseTo(v, 6));
  });
  it('bad forms are BAD_INPUT in words', () => {
    expect(() => getDecoder({ kind: 'detections', params: {} })).toThrow(/either params.boxes \+ params.scores .* or params.output \+ params.columns/);
    expect(() => getDecoder({ kind: 'detections', params: { boxes: 'b' } })).toThrow(/split form needs params.scores/);
    expect(() => getDecoder({ kind: 'detections', params: { output: 'o', columns: ['x1', 'y1', 'x2', 'y2', 'class'] } })).toThrow(/needs "score"/);
    expect(() => getDecoder({ kind: 'detections', params: { output: 'o', columns: ['x1', 'y1', 'x2', 'y2', 'scroe'] } })).toThrow(/params.columns.4/);
    expect(() => getDecoder({ kind: 'detections', params: { boxes: 'b', scores: 's', boxorder: 'yxyx' } })).toThrow(/unknown parameter params.boxorder/);
    const d = getDecoder({ kind: 'detections', params: { boxes: 'b', scores: 's' } });
    expect(() => d.decode({ b: f32([1, 2, 4], new Array(8).fill(0)), s: f32([1, 3], [1, 1, 1]) }, ctx)).toThrow(/output s has shape \[1, 3\], expected .*one score per row of b \[1, 2, 4\]/);
  });
});

describe('ssd-anchors', () => {
  // one anchor at the centre, 0.2 × 0.4 (h × w); encodings zero = the anchor itself
  const anchors = [[0.5, 0.5, 0.2, 0.4]];
  const enc = f32([1, 1, 4], [0, 0, 0, 0]);
  it('softmax over the row incl. background, background never wins; class = column', () => {
    const d = getDecoder({ kind: 'ssd-anchors', params: { boxes: 'b', scores: 's', anchors, scoreActivation: 'softmax', background: 0 } });
    const out = d.decode({ b: enc, s: f32([1, 1, 3], [5, 4, 1]) }, { scoreThreshold: 0.1 });
    const z = Math.exp(5) + Math.exp(4) + Math.exp(1);
    expect(out).toHaveLength(1);
    expect(out[0].classId).toBe(1);
    expect(out[0].score).toBeCloseTo(Math.exp(4) / z, 6);
    [0.3, 0.4, 0.7, 0.6].forEach((v, i) => expect(out[0].box[i]).toBeCloseTo(v, 6));
  });
  it('no activation, no background column; encodings move and scale the anchor (scales in coding order)', () => {
    const d = getDecoder({ kind: 'ssd-anchors', params: { boxes: 'b', scores: 's', anchors, scoreActivation: 'none', background: null, coding: 'xywh', scales: [1, 2, 1, 1] } });
    // dx = 0.25 → xc = 0.25/1·0.4 + 0.5 = 0.6; dy = 0.5 → yc = 0.5/2·0.2 + 0.5 = 0.55; dw = ln 2 → w = 0.8
    const out = d.decode({ b: f32([1, 4], [0.25, 0.5, Math.log(2), 0]), s: f32([1, 2], [0.9, 0.2]) }, ctx);
    expect(out[0].classId).toBe(0);
    [0.2, 0.45, 1.0, 0.65].forEach((v, i) => expect(out[0].box[i]).toBeCloseTo(v, 5));
  });
  it('bad anchors: an unknown preset; background beyond the columns', () => {
    expect(() => getDecoder({ kind: 'ssd-anchors', params: { boxes: 'b', scores: 's', anchors: 'tfod-ssd-512' } })).toThrow(/not a preset \(tfod-ssd-300\)/);
    const d = getDecoder({ kind: 'ssd-anchors', params: { boxes: 'b', scores: 's', anchors, background: 5 } });
    expect(() => d.decode({ b: enc, s: f32([1, 1, 3], [0, 0, 0]) }, ctx)).toThrow(/background 5 is beyond the 3 score columns/);
  });
});

describe('fittingLayouts (hints for a model without metadata)', () => {
  it('names the layouts whose shapes fit, with C', () => {
    const t = (name: string, shape: number[]) => ({ name, shape, dtype: 'float32' });
    expect(fittingLayouts([t('output0', [1, 84, 8400])])).toEqual(['yolo-v8: output0 [1, 84, 8400] (C = 80)']);
    expect(fittingLayouts([t('output0', [1, 25200, 85])])).toEqual(['yolo-v8 (transposed): output0 [1, 25200, 85] (C = 81)', 'yolo-v5: output0 [1, 25200, 85] (C = 80)']);
    expect(fittingLayouts([t('output0', [1, 300, 6])])).toContain('detections (packed, params.columns for its 6 columns): output0 [1, 300, 6]');
    const split = fittingLayouts([t('boxes', [-1, 4]), t('scores', [-1]), t('labels', [-1])]);
    expect(split[0]).toBe('detections (split): boxes boxes [-1, 4] with scores scores [-1] or labels [-1]');
    expect(fittingLayouts([t('enc', [1, 1917, 4]), t('logits', [1, 1917, 91])])).toContain('ssd-anchors (raw encodings, 1917 anchors): boxes enc [1, 1917, 4], scores logits [1, 1917, 91]');
  });
});
