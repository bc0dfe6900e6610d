// Test helper (not a test): writes a small real TF.js graph model (model.json + one shard) — x [1,S,S,C]
// NHWC → Conv2D(+BiasAdd)(+Relu) chain → output — in the format tfjs-converter emits, so stock
// tf.loadGraphModel runs it. Deterministic weights; `noise` damages one layer's kernel.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { convWeights, seeded } from './onnx-build';

export interface TfConvSpec {
  name: string;
  /** kernel [k, k, inC, outC] (HWIO) */
  shape: [number, number, number, number];
  relu?: boolean;
  noise?: number;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const FLOAT = { type: 'DT_FLOAT' };

/** Writes model.json + group1-shard1of1.bin into `dir`; returns the model.json path. Output node: the last node. */
export async function writeTfjsConvChain(dir: string, layers: TfConvSpec[], size: number, seed = 11): Promise<{ file: string; output: string }> {
  await fs.mkdir(dir, { recursive: true });
  const rnd = seeded(seed);
  const dmg = seeded(seed + 1);
  const inC = layers[0].shape[2];
  const node: unknown[] = [
    { name: 'x', op: 'Placeholder', attr: { dtype: FLOAT, shape: { shape: { dim: [{ size: '1' }, { size: String(size) }, { size: String(size) }, { size: String(inC) }] } } } },
  ];
  const weights: { name: string; shape: number[]; dtype: string }[] = [];
  const parts: Float32Array[] = [];
  let cur = 'x';
  for (const l of layers) {
    const [k, , c, o] = l.shape;
    const { w, b } = convWeights(k * k * c * o, c * k * k, o, l.noise, rnd, dmg);
    weights.push({ name: `${l.name}/kernel`, shape: l.shape, dtype: 'float32' }, { name: `${l.name}/bias`, shape: [o], dtype: 'float32' });
    parts.push(w, b);
    node.push({ name: `${l.name}/kernel`, op: 'Const', attr: { dtype: FLOAT, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: l.shape.map((s) => ({ size: String(s) })) } } } } });
    node.push({ name: `${l.name}/bias`, op: 'Const', attr: { dtype: FLOAT, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: String(o) }] } } } } });
    node.push({
      name: `${l.name}/Conv2D`,
      op: 'Conv2D',
      input: [cur, `${l.name}/kernel`],
      attr: { T: FLOAT, strides: { list: { i: ['1', '1', '1', '1'] } }, padding: { s: b64('SAME') }, data_format: { s: b64('NHWC') }, dilations: { list: { i: ['1', '1', '1', '1'] } } },
    });
    node.push({ name: `${l.name}/BiasAdd`, op: 'BiasAdd', input: [`${l.name}/Conv2D`, `${l.name}/bias`], attr: { T: FLOAT, data_format: { s: b64('NHWC') } } });
    cur = `${l.name}/BiasAdd`;
    if (l.relu) {
      node.push({ name: `${l.name}/Relu`, op: 'Relu', input: [cur], attr: { T: FLOAT } });
      cur = `${l.name}/Relu`;
    }
  }
  const bytes = Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
  await fs.writeFile(join(dir, 'group1-shard1of1.bin'), bytes);
  const json = {
    format: 'graph-model',
    generatedBy: 'edgelab-tests',
    convertedBy: 'edgelab-tests',
    modelTopology: { node, library: {}, versions: { producer: 1 } },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights }],
  };
  const file = join(dir, 'model.json');
  await fs.writeFile(file, JSON.stringify(json));
  return { file, output: cur };
}
