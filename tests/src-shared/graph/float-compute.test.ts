// floatComputeNodes on small hand-made QDQ graphs, one case per clause of its rule: DQ → op → Q is int8; a float
// input not from a DQ (graph input, float weight), a float output read by a non-Q node, by nobody, or fetched as a
// graph output makes the op float32; shape / index arithmetic is neither; Q/DQ are never listed; unknown types
// count as not float; a graph without output dtypes (not ONNX) lists nothing. (Real graphs: the int8 SSD in
// tests/src-main/transforms/int8-onnx-kept-float.test.ts and tests/src-main/engine/graph.test.ts.)
import { describe, expect, it } from 'vitest';
import { floatComputeNodes } from '../../../src-shared/graph/float-compute';
import type { GraphNode, GraphWeight, ModelGraph } from '../../../src-shared/types/graph';

const node = (name: string, op: string, inputs: string[], outputs: string[], outputDtypes: string[], weights: GraphWeight[] = []): GraphNode =>
  ({ name, op, inputs, outputs, outputDtypes, attributes: {}, weights });
const w = (name: string, dtype: string): GraphWeight => ({ name, shape: [1], dtype });
const graph = (nodes: GraphNode[], outputs: string[] = []): ModelGraph => ({
  model: 'm.onnx', format: 'onnx', nodes, edges: [],
  inputs: [{ name: 'x', shape: [1, 3], dtype: 'float32', nodes: [] }],
  outputs: outputs.map((o) => ({ name: o, shape: [], dtype: 'float32', nodes: [] })),
});
/** x → Q → DQ → `body` … : the quantized input every case starts from. */
const head = [
  node('qx', 'QuantizeLinear', ['x', 's', 'z'], ['xq'], ['uint8'], [w('s', 'float32'), w('z', 'uint8')]),
  node('dqx', 'DequantizeLinear', ['xq', 's', 'z'], ['xd'], ['float32'], [w('s', 'float32'), w('z', 'uint8')]),
];
const dqw = node('dqw', 'DequantizeLinear', ['wq', 's', 'z'], ['wd'], ['float32'], [w('wq', 'int8'), w('s', 'float32'), w('z', 'int8')]);
const q = (name: string, t: string) => node(name, 'QuantizeLinear', [t, 's', 'z'], [`${t}_q`], ['uint8'], [w('s', 'float32'), w('z', 'uint8')]);

describe('floatComputeNodes', () => {
  it('DQ inputs and an output read only by Q: int8 (not listed); Q/DQ never listed', () => {
    expect(floatComputeNodes(graph([...head, dqw, node('conv', 'Conv', ['xd', 'wd'], ['y'], ['float32']), q('qy', 'y')]))).toEqual([]);
  });

  it('a float input not from a DQ (graph input, float32 weight) makes it float32', () => {
    expect(floatComputeNodes(graph([node('conv', 'Conv', ['x', 'wd'], ['y'], ['float32']), dqw, q('qy', 'y')]))).toEqual(['conv']);
    expect(floatComputeNodes(graph([...head, node('sub', 'Sub', ['xd', 'c'], ['y'], ['float32'], [w('c', 'float32')]), q('qy', 'y')]))).toEqual(['sub']);
  });

  it('a float output read by a non-Q node, by no node, or fetched as a graph output makes it float32', () => {
    const g = graph([...head, node('a', 'Relu', ['xd'], ['y'], ['float32']), q('qy', 'y'), node('exp', 'Exp', ['y'], ['e'], ['float32'])], ['e']);
    expect(floatComputeNodes(g)).toEqual(['a', 'exp']);
    expect(floatComputeNodes(graph([...head, node('a', 'Relu', ['xd'], ['y'], ['float32'])]))).toEqual(['a']);
    expect(floatComputeNodes(graph([...head, node('a', 'Relu', ['xd'], ['y'], ['float32']), q('qy', 'y')], ['y']))).toEqual(['a']);
  });

  it('shape / index arithmetic (no float tensor touched) is neither; a float input to an int64-output op is float', () => {
    const g = graph([...head, node('shape', 'Shape', ['xq'], ['s1'], ['int64']), node('gather', 'Gather', ['s1', 'i'], ['s2'], ['int64'], [w('i', 'int64')]), node('shapeF', 'Shape', ['xd'], ['s3'], ['int64'])]);
    expect(floatComputeNodes(g)).toEqual(['shapeF']);
  });

  it('an output of unknown type counts as not float; the op type is read without its domain', () => {
    expect(floatComputeNodes(graph([...head, node('u', 'Custom', ['xq'], ['y'], ['unknown'])]))).toEqual([]);
    const ms = [node('qx', 'com.microsoft.QuantizeLinear', ['x', 's', 'z'], ['xq'], ['uint8']), node('dqx', 'com.microsoft.DequantizeLinear', ['xq', 's', 'z'], ['xd'], ['float32'])];
    expect(floatComputeNodes(graph([...ms, node('r', 'Relu', ['xd'], ['y'], ['float32']), node('qy', 'com.microsoft.QuantizeLinear', ['y'], ['yq'], ['uint8'])]))).toEqual([]);
  });

  it('a graph without output dtypes (TF.js, TFLite) lists only nodes reading a typed float tensor', () => {
    const g = graph([{ name: 'a', op: 'Relu', inputs: ['t'], outputs: ['u'], attributes: {}, weights: [] }]);
    expect(floatComputeNodes(g)).toEqual([]);
  });
});
