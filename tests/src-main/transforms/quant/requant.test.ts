// HardSigmoid / HardSwish computed on uint8 by requantization (requant.ts): on one QDQ island over every uint8 level
// against onnxruntime's own float kernels (exact for HardSigmoid when the input scale is snapped, within one output
// level for HardSwish), and the snapped input range.
import { describe, expect, it } from 'vitest';
import { applyRequant, hardSigmoidAffine, snapAffineRange } from '../../../../src-main/transforms/quant/requant';
import { asymmetricUint8 } from '../../../../src-main/transforms/quant/qdq-math';
import { namesInUse } from '../../../../src-main/formats/onnx/edit';
import { islandModel, runIsland, type IslandParams } from './hard-activation-graph';

const f32 = Math.fround;
const hswishNode = { opType: 'HardSwish' };

/** uint8 parameters of range [lo, hi], snapped for a HardSwish input when `snap`. */
function params(lo: number, hi: number, snap = false) {
  return snap ? asymmetricUint8(...snapAffineRange(lo, hi, hswishNode)) : asymmetricUint8(lo, hi);
}

async function compare(p: IslandParams) {
  const m = islandModel(p);
  const want = await runIsland(m);
  const g = m.graph!;
  const r = applyRequant(g, new Set([g.node![1]]), namesInUse(g));
  const got = await runIsland(m, true);
  const diff = Array.from(want, (w, i) => Math.abs(w - got[i]));
  return { r, ops: g.node!.map((n) => n.opType), maxDiff: Math.max(...diff), differing: diff.filter((d) => d > 0).length, levels: new Set(want).size };
}

describe('snapAffineRange', () => {
  it('widens hi by less than one part in k so that 3 / scale is the integer k; leaves ranges above −3 alone', () => {
    for (const [lo, hi] of [[-5, 30], [-3.2, 0.7], [-40, 120], [-9.1, 9.1]] as const) {
      const [l2, h2] = snapAffineRange(lo, hi, hswishNode);
      const k = Math.round(3 / asymmetricUint8(l2, h2).scale);
      expect(l2).toBe(lo);
      expect(h2).toBeGreaterThanOrEqual(hi);
      expect((h2 - l2) / (hi - lo)).toBeLessThanOrEqual(1 + 1 / k + 1e-9);
      expect(Math.abs(3 / asymmetricUint8(l2, h2).scale - k)).toBeLessThan(1e-4);
    }
    expect(snapAffineRange(-0.38, 31.9, hswishNode)).toEqual([-0.38, 31.9]);
  });
});

describe('applyRequant on a QDQ island (every uint8 level, onnxruntime-node)', () => {
  it('HardSigmoid with a snapped input scale: DQ → Q, equal to the float op up to float32 rounding at ties', async () => {
    const x = params(-8, 6, true);
    const res = await compare({ op: 'HardSigmoid', alpha: 1 / 6, beta: 0.5, sx: x.scale, zx: x.zeroPoint, sy: f32(1 / 255), zy: 0 });
    expect(res.r.count).toBe(1);
    expect(res.ops).toEqual(['DequantizeLinear', 'QuantizeLinear']);
    expect(res.levels).toBeGreaterThan(100);
    console.log(`HardSigmoid snapped: ${res.differing}/256 levels differ by one from the float op`);
    expect(res.maxDiff).toBeLessThanOrEqual(1);
    expect(res.differing).toBeLessThanOrEqual(8);
  });

  it('HardSigmoid without snapping: the rounded zero point moves the output by at most one level', async () => {
    const x = params(-7.3, 5.2);
    expect(Number.isInteger(x.zeroPoint - 3 / x.scale)).toBe(false);
    const res = await compare({ op: 'HardSigmoid', alpha: 1 / 6, beta: 0.5, sx: x.scale, zx: x.zeroPoint, sy: f32(1 / 255), zy: 0 });
    expect(res.r.count).toBe(1);
    console.log(`HardSigmoid not snapped: ${res.differing}/256 levels differ by one from the float op`);
    expect(res.maxDiff).toBeLessThanOrEqual(1);
  });

  it.each([
    [-5, 30],
    [-3.5, 6],
    [-40, 120],
  ])('HardSwish, input [%d, %d] snapped: QLinearMul(x, requantized gate) within one output level of the float op', async (lo, hi) => {
    const x = params(lo, hi, true);
    const y = asymmetricUint8(-0.375, hi);
    const res = await compare({ op: 'HardSwish', sx: x.scale, zx: x.zeroPoint, sy: y.scale, zy: y.zeroPoint });
    expect(res.r.count).toBe(1);
    expect(res.ops).toEqual(['DequantizeLinear', 'DequantizeLinear', 'QuantizeLinear', 'DequantizeLinear', 'Mul', 'QuantizeLinear']);
    expect(res.maxDiff).toBeLessThanOrEqual(1);
    console.log(`HardSwish [${lo}, ${hi}]: ${res.differing}/256 levels differ by one from the float op`);
  });

  it('leaves to the table a node whose input range does not reach −3 (zero point would be negative)', async () => {
    const x = params(-0.38, 31.9);
    expect(hardSigmoidAffine(f32(1 / 6), 0.5, x.scale, x.zeroPoint)).toBeUndefined();
    const m = islandModel({ op: 'HardSwish', sx: x.scale, zx: x.zeroPoint, sy: x.scale, zy: x.zeroPoint });
    const g = m.graph!;
    const r = applyRequant(g, new Set([g.node![1]]), namesInUse(g));
    expect(r.count).toBe(0);
    expect([...r.rest].map((n) => n.opType)).toEqual(['HardSwish']);
  });
});
