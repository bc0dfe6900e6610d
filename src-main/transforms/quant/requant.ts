// HardSigmoid / HardSwish (MobileNetV3) computed in the quantized domain with ops onnxruntime runs on uint8, instead
// of a float op between DequantizeLinear and QuantizeLinear. With x = s_x·(q − z_x) (uint8 q):
//   HardSigmoid(x) = clip(α·x + β, 0, 1) = clip(S·(q − Z*), 0, 1),   S = α·s_x,   Z* = z_x − β / (α·s_x),
// an affine map of the same integer q: DequantizeLinear(q_x; S, Z = round(Z*)) → QuantizeLinear to the output's
// parameters, whose zero point 0 and scale ≤ 1/255 (the output's range [0, ≤ 1]) make uint8 saturation the clip.
// HardSwish(x) = x · HardSigmoid(x) (α = 1/6, β = 0.5) becomes Mul(x, h) with h that requantization quantized
// to [0, 1] in steps of 1/255: onnxruntime fuses DQ(x), DQ(h) → Mul → Q into QLinearMul.
// Error against the float op on the same uint8 input: rounding Z* moves α·x + β by at most S/2 (half an input
// level times α); HardSwish adds h's own rounding, ≤ 1/510 of |x|. Where Z falls outside [0, 255] (an input range
// that does not reach −β/α, e.g. min > −3 for α = 1/6, β = 0.5) or the output parameters cannot clip, the node is
// left to the exact table (lookup.ts). Why not the table everywhere: onnxruntime's NHWC layout pass cannot move
// its Transposes through Gather, so each table costs two uint8 Transposes, a Cast and a Gather (docs/quantization.md).
import type { onnx } from 'onnx-proto';
import { onnxPb, type GraphProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { initializer, uniqueName } from '../../formats/onnx/edit';
import { floatAttr, qdqAnchors } from './lookup';

const f32 = Math.fround;

/** α, β of a HardSigmoid / HardSwish node (ONNX: HardSigmoid defaults 0.2, 0.5; HardSwish fixes 1/6, 0.5). */
function alphaBeta(n: onnx.INodeProto): { alpha: number; beta: number } | undefined {
  if (n.opType === 'HardSigmoid') return { alpha: floatAttr(n, 'alpha', 0.2), beta: floatAttr(n, 'beta', 0.5) };
  if (n.opType === 'HardSwish') return { alpha: f32(1 / 6), beta: 0.5 };
  return undefined;
}

/**
 * The range [lo, hi] of a HardSigmoid / HardSwish input widened (hi only, by less than one part in k) so that its uint8
 * scale s makes β/(α·s) an integer k: then Z* = z_x − k is an integer and the requantization is exact. Unchanged when
 * the range (widened to contain 0, as asymmetricUint8 does) does not reach −β/α, where Z would be negative anyway.
 */
export function snapAffineRange(lo: number, hi: number, n: onnx.INodeProto): [number, number] {
  const ab = alphaBeta(n);
  const rmin = Math.min(lo, 0);
  const rmax = Math.max(hi, 0);
  if (!ab || !(ab.alpha > 0)) return [lo, hi];
  const c = ab.beta / ab.alpha; // the input where α·x + β = 0 is −c
  if (rmin > -c || !(rmax > rmin)) return [lo, hi];
  const k = Math.floor((c * 255) / (rmax - rmin));
  return k >= 1 ? [rmin, rmin + (255 * c) / k] : [lo, hi];
}

/** The affine DequantizeLinear parameters (S, Z) of HardSigmoid's α·x + β on input (s_x, z_x); undefined when Z is no uint8. */
export function hardSigmoidAffine(alpha: number, beta: number, sx: number, zx: number): { scale: number; zeroPoint: number } | undefined {
  const scale = f32(alpha * sx);
  if (!(scale > 0)) return undefined;
  const zeroPoint = Math.round(zx - beta / scale);
  return zeroPoint >= 0 && zeroPoint <= 255 ? { scale, zeroPoint } : undefined;
}

/**
 * Rewrites each HardSigmoid / HardSwish of `ops` sitting as DQ → op → Q (qdqAnchors) as above. Returns how many were
 * rewritten and the nodes of `ops` it left (for the table).
 */
export function applyRequant(g: GraphProto, ops: Set<onnx.INodeProto>, taken: Set<string>): { count: number; rest: Set<onnx.INodeProto> } {
  const rest = new Set(ops);
  const replaced = new Map<onnx.INodeProto, onnx.NodeProto[]>();
  const unread = new Set<onnx.INodeProto>(); // DequantizeLinears that may have lost their only reader
  const dq = (input: string, s: string, z: string, out: string) =>
    onnxPb.NodeProto.create({ name: uniqueName(`${out}_DequantizeLinear`, taken), opType: 'DequantizeLinear', input: [input, s, z], output: [out] });
  const params = (base: string, scale: number, zeroPoint: number) => {
    const s = initializer(uniqueName(`${base}_scale`, taken), DT.FLOAT, [], Float32Array.of(scale));
    const z = initializer(uniqueName(`${base}_zero_point`, taken), DT.UINT8, [], Uint8Array.of(zeroPoint));
    g.initializer!.push(s, z);
    return { s: s.name!, z: z.name! };
  };
  for (const a of qdqAnchors(g, ops)) {
    const n = a.node;
    const ab = alphaBeta(n);
    const affine = ab && hardSigmoidAffine(ab.alpha, ab.beta, a.x.scale, a.x.zeroPoint);
    if (!affine) continue;
    const qx = a.dq.input![0];
    const base = n.name || n.output![0];
    if (n.opType === 'HardSigmoid') {
      // the output's own Q clips: zero point 0 → below 0 saturates to 0; scale ≤ 1/255 → its top level is ≤ 1.
      if (a.y.zeroPoint !== 0 || 255 * a.y.scale > 1 + 1e-6) continue;
      const p = params(`${base}_affine`, affine.scale, affine.zeroPoint);
      // The affine value keeps the op's output name: its Q and DQ follow, so `layers` (formats/onnx/taps.ts) compares
      // the gate as its consumers read it, clipped.
      replaced.set(n, [dq(qx, p.s, p.z, n.output![0])]);
      unread.add(a.dq);
    } else {
      const p = params(`${base}_affine`, affine.scale, affine.zeroPoint);
      const t = uniqueName(`${base}_affine`, taken);
      const h = params(`${base}_gate`, f32(1 / 255), 0);
      const hq = uniqueName(`${base}_gate_quantized`, taken);
      const hd = uniqueName(`${base}_gate_dequantized`, taken);
      replaced.set(n, [
        dq(qx, p.s, p.z, t),
        onnxPb.NodeProto.create({ name: uniqueName(`${hq}_QuantizeLinear`, taken), opType: 'QuantizeLinear', input: [t, h.s, h.z], output: [hq] }),
        dq(hq, h.s, h.z, hd),
        onnxPb.NodeProto.create({ name: uniqueName(`${base}_mul`, taken), opType: 'Mul', input: [n.input![0], hd], output: [n.output![0]] }),
      ]);
    }
    rest.delete(n);
  }
  if (replaced.size) g.node = (g.node ?? []).flatMap((n) => replaced.get(n) ?? [n]);
  const read = new Set((g.node ?? []).flatMap((n) => n.input ?? []));
  for (const o of g.output ?? []) read.add(o.name ?? '');
  if (unread.size) g.node = (g.node ?? []).filter((n) => !unread.has(n) || read.has(n.output![0]));
  return { count: replaced.size, rest };
}
