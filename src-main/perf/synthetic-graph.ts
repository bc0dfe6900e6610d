// bench:graph's synthetic graph: an ONNX model of `nodes` nodes (no weights; the Graph view reads the graph only)
// made of repeated MobileNetV2-like blocks with TF-like scope names, `FeatureExtractor/MobilenetV2/expanded_conv_<b>/
// {expand,depthwise,project}/<op>` and a residual Add every other block, so that name-prefix groups exist at several
// depths. Written to a file inside the served workspace (the server's path policy allows it).
import { promises as fs } from 'node:fs';
import { encodeOnnx, onnxPb } from '../formats/onnx/codec';

/** One block: [scope part, op type] per node, chained; a block with a residual ends with an Add. */
const BLOCK: readonly (readonly [string, string])[] = [
  ['expand/Conv2D', 'Conv'],
  ['expand/BatchNorm', 'BatchNormalization'],
  ['expand/Relu6', 'Clip'],
  ['depthwise/depthwise', 'Conv'],
  ['depthwise/BatchNorm', 'BatchNormalization'],
  ['depthwise/Relu6', 'Clip'],
  ['project/Conv2D', 'Conv'],
  ['project/BatchNorm', 'BatchNormalization'],
];

/** The ONNX bytes of a `nodes`-node synthetic graph (exactly `nodes` NodeProtos; input `image`, output `features`). */
export function syntheticGraphOnnx(nodes: number): Uint8Array {
  const out: { name: string; opType: string; input: string[]; output: string[] }[] = [];
  let prev = 'image';
  let b = 0;
  while (out.length < nodes) {
    const scope = `FeatureExtractor/MobilenetV2/expanded_conv_${b}`;
    const blockIn = prev;
    for (const [part, op] of BLOCK) {
      if (out.length >= nodes) break;
      const name = `${scope}/${part}`;
      out.push({ name, opType: op, input: [prev], output: [`${name}:0`] });
      prev = `${name}:0`;
    }
    if (b % 2 === 1 && out.length < nodes) {
      const name = `${scope}/add`;
      out.push({ name, opType: 'Add', input: [blockIn, prev], output: [`${name}:0`] });
      prev = `${name}:0`;
    }
    b++;
  }
  const f32 = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 32 }, { dimValue: 40 }, { dimValue: 40 }] } } } });
  const model = onnxPb.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'edgelab bench:graph',
    graph: { name: 'synthetic', node: out, input: [f32('image')], output: [f32(prev)] },
  });
  return encodeOnnx(model);
}

export async function writeSyntheticGraph(file: string, nodes: number): Promise<string> {
  await fs.writeFile(file, syntheticGraphOnnx(nodes));
  return file;
}
