// Test helper (not a test): builds small real ONNX CNNs with onnx-proto, deterministic weights, so tests
// know exactly which layer they damaged. NCHW float32, opset 13.
import onnxProto from 'onnx-proto';

const pb = onnxProto.onnx;

/** Deterministic pseudo-random numbers in [-1, 1) (LCG; tests need reproducible weights, not quality). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

/**
 * One conv layer's weights (n values, fan-in `fanIn` = inC·k·k, scaled 1/√fanIn) and bias (outC values), drawn from
 * `rnd`; with `noise`, each weight is multiplied by (1 + noise·r), r from `dmg`. Layout-free: the caller's order.
 */
export function convWeights(n: number, fanIn: number, outC: number, noise: number | undefined, rnd: () => number, dmg: () => number): { w: Float32Array; b: Float32Array } {
  const w = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const v = rnd() / Math.sqrt(fanIn);
    const d = dmg();
    w[j] = noise ? v * (1 + noise * d) : v;
  }
  const b = Float32Array.from({ length: outC }, () => rnd() * 0.1);
  return { w, b };
}

export interface ConvSpec {
  name: string;
  /** [outC, inC, k, k] */
  shape: [number, number, number, number];
  relu?: boolean;
  /** Multiplies this layer's weights by (1 + noise·r), r ∈ [-1, 1): the "damage" of a variant. */
  noise?: number;
}

/** x [1, inC, size, size] → chain of Conv(+Relu) → output 'y'. Weights from `seed` (noise from seed+1). */
export function convChain(layers: ConvSpec[], size: number, seed = 7): Uint8Array {
  const rnd = seeded(seed);
  const dmg = seeded(seed + 1);
  const nodes = [];
  const inits = [];
  let cur = 'x';
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const [o, c, k] = l.shape;
    const { w, b } = convWeights(o * c * k * k, c * k * k, o, l.noise, rnd, dmg);
    inits.push(pb.TensorProto.create({ name: `${l.name}.w`, dataType: 1, dims: l.shape, rawData: new Uint8Array(w.buffer) }));
    inits.push(pb.TensorProto.create({ name: `${l.name}.b`, dataType: 1, dims: [o], rawData: new Uint8Array(b.buffer) }));
    const last = i === layers.length - 1;
    const convOut = last && !l.relu ? 'y' : `${l.name}.out`;
    const pad = (k - 1) / 2;
    nodes.push(
      pb.NodeProto.create({
        name: l.name,
        opType: 'Conv',
        input: [cur, `${l.name}.w`, `${l.name}.b`],
        output: [convOut],
        attribute: [pb.AttributeProto.create({ name: 'pads', type: 7, ints: [pad, pad, pad, pad] })],
      }),
    );
    cur = convOut;
    if (l.relu) {
      const out = last ? 'y' : `${l.name}.relu`;
      nodes.push(pb.NodeProto.create({ name: `${l.name}_relu`, opType: 'Relu', input: [cur], output: [out] }));
      cur = out;
    }
  }
  const inC = layers[0].shape[1];
  const outC = layers[layers.length - 1].shape[0];
  const vi = (name: string, dims: number[]) =>
    pb.ValueInfoProto.create({
      name,
      type: pb.TypeProto.create({ tensorType: pb.TypeProto.Tensor.create({ elemType: 1, shape: pb.TensorShapeProto.create({ dim: dims.map((d) => pb.TensorShapeProto.Dimension.create({ dimValue: d })) }) }) }),
    });
  const model = pb.ModelProto.create({
    irVersion: 8,
    opsetImport: [pb.OperatorSetIdProto.create({ domain: '', version: 13 })],
    producerName: 'edgelab-tests',
    graph: pb.GraphProto.create({ name: 'chain', node: nodes, initializer: inits, input: [vi('x', [1, inC, size, size])], output: [vi('y', [1, outC, size, size])] }),
  });
  return pb.ModelProto.encode(model).finish();
}
