// Test helper (not a test): the QDQ island DQ(q_x; s_x, z_x) → op → Q(s_y, z_y) of one HardSigmoid / HardSwish node,
// fed every uint8 level at once (input q [256] = 0…255), opset 14; and a runner for it in onnxruntime-node.
import * as ort from 'onnxruntime-node';
import { encodeOnnx, onnxPb, type ModelProto } from '../../../../src-main/formats/onnx/codec';
import { DT } from '../../../../src-main/formats/onnx/dtypes';
import { initializer } from '../../../../src-main/formats/onnx/edit';

export interface IslandParams {
  op: 'HardSigmoid' | 'HardSwish';
  /** HardSigmoid only (ONNX defaults 0.2, 0.5). */
  alpha?: number;
  beta?: number;
  sx: number;
  zx: number;
  sy: number;
  zy: number;
}

const vi = (name: string, elemType: number, dims: number[]) =>
  onnxPb.ValueInfoProto.create({
    name,
    type: onnxPb.TypeProto.create({ tensorType: onnxPb.TypeProto.Tensor.create({ elemType, shape: onnxPb.TensorShapeProto.create({ dim: dims.map((d) => onnxPb.TensorShapeProto.Dimension.create({ dimValue: d })) }) }) }),
  });

export function islandModel(p: IslandParams): ModelProto {
  const attrs = p.op === 'HardSigmoid' ? Object.entries({ alpha: p.alpha, beta: p.beta }).filter(([, v]) => v !== undefined).map(([name, f]) => onnxPb.AttributeProto.create({ name, type: 1, f })) : [];
  const g = onnxPb.GraphProto.create({
    name: 'island',
    node: [
      onnxPb.NodeProto.create({ name: 'dq', opType: 'DequantizeLinear', input: ['q', 'sx', 'zx'], output: ['x'] }),
      onnxPb.NodeProto.create({ name: 'op', opType: p.op, input: ['x'], output: ['y'], attribute: attrs }),
      onnxPb.NodeProto.create({ name: 'qy', opType: 'QuantizeLinear', input: ['y', 'sy', 'zy'], output: ['out'] }),
    ],
    initializer: [
      initializer('sx', DT.FLOAT, [], Float32Array.of(p.sx)),
      initializer('zx', DT.UINT8, [], Uint8Array.of(p.zx)),
      initializer('sy', DT.FLOAT, [], Float32Array.of(p.sy)),
      initializer('zy', DT.UINT8, [], Uint8Array.of(p.zy)),
    ],
    input: [vi('q', DT.UINT8, [256])],
    output: [vi('out', DT.UINT8, [256])],
  });
  return onnxPb.ModelProto.create({ irVersion: 8, opsetImport: [onnxPb.OperatorSetIdProto.create({ domain: '', version: 14 })], producerName: 'edgelab-test', graph: g });
}

/** Runs `m` on q = 0…255 (optimizations off: each node's own kernel, unless `optimize`); the uint8 output. */
export async function runIsland(m: ModelProto, optimize = false): Promise<Uint8Array> {
  const s = await ort.InferenceSession.create(encodeOnnx(m), { graphOptimizationLevel: optimize ? 'all' : 'disabled' });
  try {
    const q = Uint8Array.from({ length: 256 }, (_, i) => i);
    const o = await s.run({ q: new ort.Tensor('uint8', q, [256]) });
    return Uint8Array.from(o.out.data as Uint8Array);
  } finally {
    await s.release();
  }
}
