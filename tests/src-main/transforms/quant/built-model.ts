// Test helper (not a test): a small float32 ONNX model written with onnx-proto, so that per-channel axes,
// int32 biases and QDQ placement can be checked against hand computation. Opset 13, IR 7.
//   X [1,3,2,2] → Conv(W [4,3,1,1], B [4]) → Relu → Flatten → Gemm(G [16,5], transB=0, C [5])
//     → Gemm(H [3,5], transB=1) → MatMul(M [3,2]) → Add(A [2]) → Y [1,2]
import onnxProto from 'onnx-proto';

const pb = onnxProto.onnx;
const FLOAT = 1;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WEIGHTS: Record<string, { dims: number[]; values: Float32Array }> = {};
const r = rng(42);
for (const [name, dims, scale] of [
  ['W', [4, 3, 1, 1], 1],
  ['B', [4], 0.3],
  ['G', [16, 5], 0.5],
  ['C', [5], 0.2],
  ['H', [3, 5], 0.7],
  ['M', [3, 2], 0.9],
  ['A', [2], 0.1],
] as [string, number[], number][]) {
  const n = dims.reduce((a, b) => a * b, 1);
  // Channel c of each weight is scaled by (c + 1): per-channel scales must differ.
  WEIGHTS[name] = { dims, values: Float32Array.from({ length: n }, (_, i) => (r() * 2 - 1) * scale * (1 + (i % dims[dims.length - 1]))) };
}

function init(name: string) {
  const w = WEIGHTS[name];
  return pb.TensorProto.create({ name, dataType: FLOAT, dims: w.dims, rawData: new Uint8Array(w.values.buffer.slice(0)) });
}

function node(name: string, opType: string, input: string[], output: string[], attrs: Record<string, number> = {}) {
  return pb.NodeProto.create({
    name,
    opType,
    input,
    output,
    attribute: Object.entries(attrs).map(([k, v]) => pb.AttributeProto.create({ name: k, type: 2, i: v })),
  });
}

function vi(name: string, dims: number[]) {
  return pb.ValueInfoProto.create({
    name,
    type: pb.TypeProto.create({ tensorType: pb.TypeProto.Tensor.create({ elemType: FLOAT, shape: pb.TensorShapeProto.create({ dim: dims.map((d) => pb.TensorShapeProto.Dimension.create({ dimValue: d })) }) }) }),
  });
}

export const NODE_NAMES = ['conv', 'relu', 'flatten', 'gemm_n', 'gemm_t', 'matmul', 'add'];

export function builtModel(opts: { dynamic?: boolean } = {}): Uint8Array {
  const input = opts.dynamic
    ? pb.ValueInfoProto.create({
        name: 'X',
        type: pb.TypeProto.create({ tensorType: pb.TypeProto.Tensor.create({ elemType: FLOAT, shape: pb.TensorShapeProto.create({ dim: [{ dimParam: 'N' }, { dimValue: 3 }, { dimParam: 'H' }, { dimParam: 'W' }] }) }) }),
      })
    : vi('X', [1, 3, 2, 2]);
  const g = pb.GraphProto.create({
    name: 'built',
    node: [
      node('conv', 'Conv', ['X', 'W', 'B'], ['c']),
      node('relu', 'Relu', ['c'], ['r']),
      node('flatten', 'Flatten', ['r'], ['f'], { axis: 1 }),
      node('gemm_n', 'Gemm', ['f', 'G', 'C'], ['g1'], { transB: 0 }),
      node('gemm_t', 'Gemm', ['g1', 'H'], ['g2'], { transB: 1 }),
      node('matmul', 'MatMul', ['g2', 'M'], ['m']),
      node('add', 'Add', ['m', 'A'], ['Y']),
    ],
    initializer: ['W', 'B', 'G', 'C', 'H', 'M', 'A'].map(init),
    input: [input],
    output: [vi('Y', [1, 2])],
  });
  const m = pb.ModelProto.create({ irVersion: 7, opsetImport: [pb.OperatorSetIdProto.create({ domain: '', version: 13 })], producerName: 'edgelab-test', graph: g });
  return pb.ModelProto.encode(m).finish();
}

/** Input spec that feeds [1,3,2,2] NCHW floats in [0, 1] from frames. */
export const BUILT_META = {
  task: 'embedder' as const,
  input: { name: 'X', width: 2, height: 2, layout: 'NCHW' as const, dtype: 'float32' as const, range: [0, 1] as [number, number], resize: 'stretch' as const, channels: 'RGB' as const },
};
