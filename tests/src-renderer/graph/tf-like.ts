// A TF-like synthetic graph for the Graph view's tests: scope names several levels deep, as in the bundled SSD.
import type { GraphNode, ModelGraph } from '../../../src-shared/types/graph';

/** `n` nodes in MobileNetV2-like blocks of 8 named `FeatureExtractor/MobilenetV2/expanded_conv_<b>/<part>/<op>`. */
export function tfLike(n: number): ModelGraph {
  const parts = ['expand/Conv2D', 'expand/BatchNorm', 'expand/Relu6', 'depthwise/depthwise', 'depthwise/BatchNorm', 'depthwise/Relu6', 'project/Conv2D', 'project/BatchNorm'];
  const nodes: GraphNode[] = [];
  const edges: ModelGraph['edges'] = [];
  for (let i = 0; i < n; i++) {
    const name = `FeatureExtractor/MobilenetV2/expanded_conv_${Math.floor(i / 8)}/${parts[i % 8]}`;
    const prev = nodes[i - 1]?.name;
    nodes.push({ name, op: 'Conv', inputs: [prev ?? 'image'], outputs: [name], attributes: {}, weights: [] });
    if (prev) edges.push({ tensor: prev, from: prev, to: name });
  }
  return { model: 'tf-like', format: 'onnx', nodes, edges, inputs: [{ name: 'image', shape: [1, 3], dtype: 'float32', nodes: [nodes[0]!.name] }], outputs: [] };
}
