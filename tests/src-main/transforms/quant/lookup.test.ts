// The 256-entry tables of lookup.ts against onnxruntime itself: for every uint8 level, table[q] equals what ORT's own
// DequantizeLinear → HardSigmoid / HardSwish → QuantizeLinear kernels give (bit-exact but for a rounding tie); and a QDQ island rewritten by
// applyLookups (Cast → Gather) runs in onnxruntime-node and outputs exactly the table.
import { describe, expect, it } from 'vitest';
import { applyLookups, LOOKUP_OPS, lookupTable } from '../../../../src-main/transforms/quant/lookup';
import { namesInUse } from '../../../../src-main/formats/onnx/edit';
import { islandModel, runIsland, type IslandParams } from './hard-activation-graph';

const f32 = Math.fround;
// Parameters as asymmetricUint8 writes them for realistic ranges (hard-swish input [−5, 30] → output [−0.375, 30];
// squeeze-excite gate input [−8, 6] → [0, 1]), plus ONNX's default HardSigmoid and a zero point at the edge.
const CASES: IslandParams[] = [
  { op: 'HardSwish', sx: f32(35 / 255), zx: 36, sy: f32(30.375 / 255), zy: 3 },
  { op: 'HardSwish', sx: f32(0.0213), zx: 201, sy: f32(0.0177), zy: 21 },
  { op: 'HardSigmoid', alpha: 1 / 6, beta: 0.5, sx: f32(14 / 255), zx: 146, sy: f32(1 / 255), zy: 0 },
  { op: 'HardSigmoid', sx: f32(0.0731), zx: 97, sy: f32(0.0037), zy: 0 },
  { op: 'HardSigmoid', alpha: 0.25, beta: 0.4, sx: f32(0.11), zx: 255, sy: f32(0.0041), zy: 7 },
];

describe('lookup tables (HardSigmoid / HardSwish on uint8)', () => {
  it.each(CASES)('table equals onnxruntime applying the op to each dequantized level: %o', async (p) => {
    const m = islandModel(p);
    const ort = await runIsland(m);
    const f = LOOKUP_OPS[p.op](m.graph!.node![1]);
    const table = lookupTable(f, p.sx, p.zx, p.sy, p.zy);
    // Bit-exact, except where the value before rounding sits on a tie (x.5 within float32's error): a build or CPU
    // that contracts the op into a fused multiply-add may round such a level the other way. Nowhere else.
    for (let q = 0; q < 256; q++) {
      if (table[q] === ort[q]) continue;
      const v = f(f32((q - p.zx) * p.sx)) / p.sy;
      expect({ q, diff: Math.abs(table[q]! - ort[q]!), tie: Math.abs(Math.abs(v - Math.trunc(v)) - 0.5) < 1e-4 }).toEqual({ q, diff: 1, tie: true });
    }
    expect(new Set(ort).size).toBeGreaterThan(10); // the case spans many output levels, not a saturated constant
  });

  it.each(CASES)('the island rewritten as Cast → Gather runs in onnxruntime and outputs the table: %o', async (p) => {
    const m = islandModel(p);
    const want = lookupTable(LOOKUP_OPS[p.op](m.graph!.node![1]), p.sx, p.zx, p.sy, p.zy); // vs onnxruntime: above
    const g = m.graph!;
    expect(applyLookups(g, new Set([g.node![1]]), namesInUse(g))).toBe(1);
    expect(g.node!.map((n) => n.opType)).toEqual(['Cast', 'Gather']);
    expect(Array.from(await runIsland(m, true))).toEqual(Array.from(want));
  });
});
