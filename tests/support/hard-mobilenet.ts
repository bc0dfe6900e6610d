// Test helper (not a test): a MobileNetV3 spelled the way PyTorch/torchvision exports it, with the ONNX ops
// HardSwish (opset 14) and HardSigmoid (alpha 1/6, beta 0.5). The bundled CenterNet-MobileNetV3 (converted from TF)
// writes them decomposed, with a scalar k = 0.1666259765625 (1/6 rounded to float16):
//   hard-swish    x → Add(x, 3) → Clip(0, 6) ─┐
//                 x → Mul(x, k) ──────────────┴→ Mul → y          (19 in CenterNet: stem, blocks, head)
//   hard-sigmoid  x → Add(x, 3) → Clip(0, 6) → Mul(k, ·) → y      (9: the squeeze-excite gates)
// Each pattern is replaced by one node writing y (same tensor names elsewhere); the intermediate tensors must
// have no other reader. k·clip(x+3, 0, 6) differs from HardSigmoid(x) = clip(x/6 + 0.5, 0, 1) by at most
// |k − 1/6|·6 = 2.4e-4 (relative); `sixthExact` gives the original graph with every such k set to float32(1/6), the
// reference against which the rewrite itself is exact up to float32 rounding (the test checks both on a real frame).
import { decodeOnnx, encodeOnnx, onnxPb } from '../../src-main/formats/onnx/codec';
import { floatValues } from '../../src-main/formats/onnx/edit';
import { DT } from '../../src-main/formats/onnx/dtypes';
import { dropUnusedInitializers } from '../../src-main/transforms/quant/weights';
import type { onnx } from 'onnx-proto';

export const CENTERNET_ONNX = 'models/centernet-mobilenet-v3-coco-onnx/centernet.onnx';

export interface HardRewrite {
  bytes: Uint8Array;
  /** Nodes written: HardSwish and HardSigmoid counts. */
  counts: { HardSwish: number; HardSigmoid: number };
  /** Names of the HardSigmoid nodes (the squeeze-excite gates), in graph order. */
  hardSigmoids: string[];
}

const ATTR_FLOAT = 1;

/** The original graph with each scalar k ≈ 1/6 of a Mul set to float32(1/6) (tensor names unchanged). */
export function sixthExact(source: Uint8Array): Uint8Array {
  const m = decodeOnnx(source, CENTERNET_ONNX);
  const g = m.graph!;
  const muls = new Set((g.node ?? []).filter((n) => n.opType === 'Mul').flatMap((n) => n.input ?? []));
  for (const t of g.initializer ?? []) {
    if (!muls.has(t.name ?? '') || t.dataType !== DT.FLOAT || (t.dims ?? []).length !== 0 || !isSixth(floatValues(t, 1)[0])) continue;
    t.rawData = new Uint8Array(Float32Array.of(1 / 6).buffer);
    t.floatData = [];
  }
  return encodeOnnx(m);
}

const isSixth = (v: number | undefined) => v !== undefined && Math.abs(v - 1 / 6) < 1e-3;

/** `source` (CenterNet's ONNX bytes) with its decomposed hard-swish / hard-sigmoid patterns as HardSwish / HardSigmoid. */
export function hardMobilenet(source: Uint8Array): HardRewrite {
  const m = decodeOnnx(source, CENTERNET_ONNX);
  const g = m.graph!;
  const nodes = g.node!;
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const scalar = (name: string | undefined) => {
    const t = name ? inits.get(name) : undefined;
    return t && t.dataType === DT.FLOAT && (t.dims ?? []).length === 0 ? floatValues(t, 1)[0] : undefined;
  };
  const producer = new Map<string, onnx.INodeProto>();
  const consumers = new Map<string, onnx.INodeProto[]>();
  for (const n of nodes) {
    for (const o of n.output ?? []) producer.set(o, n);
    for (const x of n.input ?? []) if (x) consumers.set(x, [...(consumers.get(x) ?? []), n]);
  }
  const only = (t: string) => (consumers.get(t)?.length === 1 ? consumers.get(t)![0] : undefined);
  const other = (n: onnx.INodeProto, t: string) => (n.input![0] === t ? n.input![1] : n.input![1] === t ? n.input![0] : undefined);
  const removed = new Set<onnx.INodeProto>();
  const replace = new Map<onnx.INodeProto, onnx.NodeProto>();
  const counts = { HardSwish: 0, HardSigmoid: 0 };
  const hardSigmoids: string[] = [];
  for (const clip of nodes) {
    if (clip.opType !== 'Clip' || scalar(clip.input?.[1]) !== 0 || scalar(clip.input?.[2]) !== 6) continue;
    const add = producer.get(clip.input![0]);
    if (add?.opType !== 'Add' || only(add.output![0]) !== clip) continue;
    const three = add.input!.find((t) => scalar(t) === 3);
    const x = three === undefined ? undefined : other(add, three);
    const mul = only(clip.output![0]);
    if (!x || mul?.opType !== 'Mul') continue;
    const gate = other(mul, clip.output![0])!;
    const base = add.name!.replace(/\/add__Add__nchw$/, '');
    if (isSixth(scalar(gate))) {
      replace.set(mul, onnxPb.NodeProto.create({
        name: `${base}/HardSigmoid`, opType: 'HardSigmoid', input: [x], output: mul.output,
        attribute: [onnxPb.AttributeProto.create({ name: 'alpha', type: ATTR_FLOAT, f: 1 / 6 }), onnxPb.AttributeProto.create({ name: 'beta', type: ATTR_FLOAT, f: 0.5 })],
      }));
      removed.add(add).add(clip);
      counts.HardSigmoid++;
      hardSigmoids.push(`${base}/HardSigmoid`);
      continue;
    }
    const scale = producer.get(gate);
    if (scale?.opType !== 'Mul' || only(gate) !== mul || other(scale, x) === undefined || !isSixth(scalar(other(scale, x)))) continue;
    replace.set(mul, onnxPb.NodeProto.create({ name: `${base}/HardSwish`, opType: 'HardSwish', input: [x], output: mul.output }));
    removed.add(add).add(clip).add(scale);
    counts.HardSwish++;
  }
  g.node = nodes.filter((n) => !removed.has(n)).map((n) => replace.get(n) ?? n);
  dropUnusedInitializers(g);
  for (const o of m.opsetImport ?? []) if (!o.domain || o.domain === 'ai.onnx') o.version = 14; // HardSwish is opset 14
  return { bytes: encodeOnnx(m), counts, hardSigmoids };
}
