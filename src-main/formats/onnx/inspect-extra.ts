// Extra ONNX inspection: which ops read the weights (per-op parameter counts) and the quantization
// parameters of QuantizeLinear / DequantizeLinear nodes (scale and zero-point initializers, axis).
import type { QuantParams } from '../../../src-shared/types/model';
import { num, tensorElements, walkGraphs, type GraphProto, type TensorProto } from './codec';
import { dtypeName } from './dtypes';
import { maxOf, minOf } from '../../../src-shared/extent';

const SHOWN = 8;

/** Values of a numeric initializer (raw_data or typed fields), as numbers; at most `limit`. */
function values(t: TensorProto, limit: number): number[] {
  const n = Math.min(limit, tensorElements(t, ''));
  const raw = t.rawData;
  const dt = dtypeName(t.dataType);
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const get: Record<string, [number, (o: number) => number]> = {
      float32: [4, (o) => view.getFloat32(o, true)],
      uint8: [1, (o) => view.getUint8(o)],
      int8: [1, (o) => view.getInt8(o)],
      uint16: [2, (o) => view.getUint16(o, true)],
      int16: [2, (o) => view.getInt16(o, true)],
      int32: [4, (o) => view.getInt32(o, true)],
      float16: [2, (o) => view.getUint16(o, true)],
    };
    const g = get[dt];
    if (!g) return [];
    return Array.from({ length: n }, (_, i) => g[1](i * g[0]));
  }
  const typed = (t.floatData?.length ? t.floatData : t.int32Data?.length ? t.int32Data : t.int64Data ?? []) as ArrayLike<number | { toNumber(): number }>;
  return Array.from({ length: Math.min(n, typed.length) }, (_, i) => num(typed[i]));
}

export function onnxInspectExtra(g: GraphProto): { opParameters: Record<string, number>; weightTensors: Record<string, number>; quantization: QuantParams[] } {
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const weightTensors: Record<string, number> = {};
  for (const t of inits.values()) weightTensors[dtypeName(t.dataType)] = (weightTensors[dtypeName(t.dataType)] ?? 0) + 1;
  // First consumer op of every tensor, so a weight behind a DequantizeLinear counts for the op that uses it.
  const firstUse = new Map<string, string>();
  walkGraphs(g, (sg) => {
    for (const n of sg.node ?? []) for (const i of n.input ?? []) if (i && !firstUse.has(i)) firstUse.set(i, n.opType ?? '?');
  });
  const opParameters: Record<string, number> = {};
  const counted = new Set<string>();
  const quantization: QuantParams[] = [];
  const seenQ = new Set<string>();
  walkGraphs(g, (sg) => {
    for (const n of sg.node ?? []) {
      const op = n.opType ?? '?';
      for (const i of n.input ?? []) {
        const t = inits.get(i);
        if (!t || counted.has(i)) continue;
        counted.add(i);
        const user = op === 'DequantizeLinear' && n.input?.[0] === i ? (firstUse.get(n.output?.[0] ?? '') ?? op) : op;
        opParameters[user] = (opParameters[user] ?? 0) + tensorElements(t, '');
      }
      if (op !== 'QuantizeLinear' && op !== 'DequantizeLinear') continue;
      const [x, s, z] = n.input ?? [];
      const scaleT = s ? inits.get(s) : undefined;
      if (!x || !scaleT || seenQ.has(x)) continue;
      seenQ.add(x);
      const count = tensorElements(scaleT, '');
      const all = values(scaleT, count);
      const zpT = z ? inits.get(z) : undefined;
      const axisAttr = n.attribute?.find((a) => a.name === 'axis');
      const perChannel = count > 1;
      quantization.push({
        tensor: x,
        dtype: zpT ? dtypeName(zpT.dataType) : 'uint8',
        scheme: perChannel ? 'per-channel' : 'per-tensor',
        ...(perChannel ? { axis: axisAttr ? num(axisAttr.i) : 1 } : {}),
        channels: count,
        scale: all.slice(0, SHOWN),
        zeroPoint: zpT ? values(zpT, SHOWN) : Array(Math.min(count, SHOWN)).fill(0),
        scaleRange: [minOf(all), maxOf(all)],
        role: inits.has(x) ? 'weight' : 'activation',
      });
    }
  });
  return { opParameters, weightTensors, quantization };
}
