import { describe, expect, it } from 'vitest';
import { blazefaceAnchors } from '../../../../src-main/pipeline/decoders/blazeface';
import { DECODERS, getDecoder } from '../../../../src-main/pipeline/decoders/registry';
import { EdgeLabError } from '../../../../src-shared/protocol';
import catalog from '../../../../models/catalog.json';

describe('decoder registry', () => {
  it('builds the decoder of every bundled detector', () => {
    for (const m of catalog.models) {
      if (!m.meta.decoder) continue;
      const d = getDecoder(m.meta.decoder);
      expect(d.kind).toBe(m.meta.decoder.kind);
      expect(d.outputs.length).toBeGreaterThan(0);
    }
    expect(Object.keys(DECODERS).sort()).toEqual(['blazeface', 'centernet-detections', 'detections', 'ssd-anchors', 'ssd-postprocessed', 'yolo-v5', 'yolo-v8']);
  });
  it('unknown kind → UNSUPPORTED; bad params → BAD_INPUT naming the param', () => {
    expect(() => getDecoder({ kind: 'yolo-v99' })).toThrow(/unknown decoder kind "yolo-v99"/);
    const e = (() => {
      try {
        getDecoder({ kind: 'ssd-postprocessed', params: { scores: 'a' } });
      } catch (x) {
        return x as EdgeLabError;
      }
    })();
    expect(e?.code).toBe('BAD_INPUT');
    expect(e?.message).toMatch(/params\.boxes/);
  });
  it('a missing output tensor → BAD_INPUT naming it', () => {
    const d = getDecoder({ kind: 'centernet-detections', params: { detections: 'det' } });
    expect(() => d.decode({}, { scoreThreshold: 0.5 })).toThrow(/no output det/);
    expect(() => d.decode({ det: { data: new Float32Array(10), shape: [1, 2, 5], dtype: 'float32' } }, { scoreThreshold: 0.5 })).toThrow(/rows of 6/);
  });
});

describe('blazeface anchors', () => {
  it('512 anchors on a 16×16 grid (2 per cell), then 384 on 8×8 (6 per cell)', () => {
    const a = blazefaceAnchors(128, [8, 16, 16, 16], 0.5);
    expect(a.length / 2).toBe(896);
    expect([a[0], a[1], a[2], a[3]]).toEqual([0.5 / 16, 0.5 / 16, 0.5 / 16, 0.5 / 16]);
    expect([a[4], a[5]]).toEqual([1.5 / 16, 0.5 / 16]);
    expect([a[1022], a[1023]]).toEqual([15.5 / 16, 15.5 / 16]);
    expect([a[1024], a[1025]]).toEqual([0.5 / 8, 0.5 / 8]);
    expect([a[1024 + 12], a[1024 + 13]]).toEqual([1.5 / 8, 0.5 / 8]);
  });
  it('decodes a raw row relative to its anchor, in input pixels / inputSize', () => {
    const d = getDecoder({ kind: 'blazeface', params: { scores: ['s'], boxes: ['b'], strides: [8] } });
    const s = new Float32Array(512).fill(-100);
    const b = new Float32Array(512 * 16);
    s[3] = 2; // anchor 3 = cell (1,0), second anchor: centre (1.5/16, 0.5/16)
    b.set([12.8, -6.4, 25.6, 12.8], 3 * 16);
    const out = d.decode({ s: { data: s, shape: [1, 512, 1], dtype: 'float32' }, b: { data: b, shape: [1, 512, 16], dtype: 'float32' } }, { scoreThreshold: 0.5 });
    expect(out).toHaveLength(1);
    expect(out[0].score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    const cx = 1.5 / 16 + 0.1, cy = 0.5 / 16 - 0.05;
    [cx - 0.1, cy - 0.05, cx + 0.1, cy + 0.05].forEach((v, i) => expect(out[0].box[i]).toBeCloseTo(v, 6));
  });
});

describe('strict decoder params', () => {
  const err = (f: () => unknown): EdgeLabError | undefined => {
    try {
      f();
    } catch (x) {
      return x as EdgeLabError;
    }
    return undefined;
  };
  it('an unknown or mistyped parameter of every bundled decoder is BAD_INPUT naming it (never dropped)', () => {
    for (const m of catalog.models) {
      if (!m.meta.decoder) continue;
      const e = err(() => getDecoder({ kind: m.meta.decoder!.kind, params: { ...m.meta.decoder!.params, inputSzie: 320 } }));
      expect(e?.code, m.id).toBe('BAD_INPUT');
      expect(e?.message, m.id).toMatch(/unknown parameter params\.inputSzie \(known: /);
    }
    const e = err(() => getDecoder({ kind: 'centernet-detections', params: { detections: 'd', inputwidth: 320 } }));
    expect(e?.message).toMatch(/params\.inputwidth.*known: detections, coords, inputWidth/);
  });
});
