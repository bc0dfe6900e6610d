// Output slices (validation/slices.ts): which columns of a mixed boxes+scores output each slice takes, per decoder
// layout, and the values picked from a tensor in both yolo-v8 orientations.
import { describe, expect, it } from 'vitest';
import type { ModelMeta } from '../../../src-shared/types/model';
import { outputSlices, pickSlice } from '../../../src-main/validation/slices';
import type { HostTensor } from '../../../src-main/runtimes/types';

const input: ModelMeta['input'] = { width: 10, height: 10, layout: 'NCHW', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' };
const meta = (kind: string, params: Record<string, unknown> = {}): ModelMeta => ({ task: 'detector', input, decoder: { kind, params } });
const tensor = (shape: number[]): HostTensor => ({ data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape, dtype: 'float32' });

describe('outputSlices / pickSlice', () => {
  it('yolo-v8 [1, 4+C, N] (channels first) and [1, N, 4+C]: boxes 0..3, scores 4..; values picked per orientation', () => {
    const first = tensor([1, 6, 8]); // C = 2, N = 8
    const [b, sc] = outputSlices(meta('yolo-v8'), { output0: first });
    expect([b!.name, b!.axis, b!.columns, sc!.name, sc!.columns]).toEqual(['output0[boxes]', 1, [0, 1, 2, 3], 'output0[scores]', [4, 5]]);
    expect([...pickSlice(first, sc!)]).toEqual([...Array.from({ length: 16 }, (_, i) => 32 + i)]); // channels 4, 5: values 32..47
    const last = tensor([1, 8, 6]);
    const [, s2] = outputSlices(meta('yolo-v8'), { output0: last });
    expect(s2!.axis).toBe(2);
    expect([...pickSlice(last, s2!)].slice(0, 4)).toEqual([4, 5, 10, 11]); // row 0 columns 4, 5; row 1 …
  });

  it('yolo-v5: boxes, objectness, classes; packed detections by column names; split outputs have none', () => {
    expect(outputSlices(meta('yolo-v5'), { output0: tensor([1, 20, 8]) }).map((s) => [s.name, s.columns])).toEqual([
      ['output0[boxes]', [0, 1, 2, 3]], ['output0[objectness]', [4]], ['output0[classes]', [5, 6, 7]],
    ]);
    const packed = meta('detections', { output: 'det', columns: ['x1', 'y1', 'x2', 'y2', 'score', 'class'] });
    expect(outputSlices(packed, { det: tensor([1, 3, 6]) }).map((s) => [s.name, s.columns])).toEqual([['det[boxes]', [0, 1, 2, 3]], ['det[scores]', [4]], ['det[classes]', [5]]]);
    expect(outputSlices(meta('detections', { boxes: 'b', scores: 's' }), { b: tensor([3, 4]), s: tensor([3]) })).toEqual([]);
    expect(outputSlices(meta('yolo-v8'), { output0: tensor([7]) })).toEqual([]); // does not fit: no slices, no error
  });
});
