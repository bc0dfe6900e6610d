// diffGraphs on small hand-made graphs: what makes a node changed (op, attribute, rewired input), what does not
// (a Q/DQ pair or a Cast in between, a requantized weight), and added / removed by name.
import { describe, expect, it } from 'vitest';
import { diffGraphs } from '../../../src-shared/graph/diff';
import type { GraphNode, ModelGraph } from '../../../src-shared/types/graph';

const node = (name: string, op: string, inputs: string[], outputs: string[], extra: Partial<GraphNode> = {}): GraphNode => ({ name, op, inputs, outputs, attributes: {}, weights: [], ...extra });
const graph = (nodes: GraphNode[]): ModelGraph => ({ model: 'm', format: 'onnx', nodes, edges: [], inputs: [{ name: 'x', shape: [1], dtype: 'float32', nodes: [] }], outputs: [] });
const W32 = { name: 'w', shape: [4, 3], dtype: 'float32' };
const FLOAT = graph([node('conv', 'Conv', ['x', 'w'], ['a'], { weights: [W32], attributes: { group: '1' } }), node('relu', 'Relu', ['a'], ['b']), node('out', 'Add', ['b', 'a'], ['y'])]);

describe('diffGraphs', () => {
  it('a graph against itself: all same', () => {
    const d = diffGraphs(FLOAT, FLOAT);
    expect(d.same).toBe(3);
    expect([...d.added, ...d.removed, ...d.changed, ...d.weights]).toEqual([]);
  });

  it('Q/DQ pairs and a quantized weight through DequantizeLinear: added, nothing changed, the weight listed', () => {
    const v = graph([
      node('w_dq', 'DequantizeLinear', ['w_q', 's', 'z'], ['w_deq'], { weights: [{ name: 'w_q', shape: [4, 3], dtype: 'int8' }, { name: 's', shape: [4], dtype: 'float32' }, { name: 'z', shape: [4], dtype: 'int8' }] }),
      node('conv', 'Conv', ['x', 'w_deq'], ['a'], { attributes: { group: '1' } }),
      node('a_q', 'QuantizeLinear', ['a'], ['a_quant']),
      node('a_dq', 'DequantizeLinear', ['a_quant'], ['a_deq']),
      node('relu', 'Relu', ['a_deq'], ['b']),
      node('out', 'Add', ['b', 'a_deq'], ['y']),
    ]);
    const d = diffGraphs(FLOAT, v);
    expect(d.added.map((n) => n.name)).toEqual(['w_dq', 'a_q', 'a_dq']);
    expect(d.changed).toEqual([]);
    expect(d.weights).toEqual([{ name: 'conv', from: 'float32[4×3]', to: 'int8[4×3]' }]);
    expect(d.status).toMatchObject({ conv: 'same', a_q: 'added', relu: 'same' });
  });

  it('an op, an attribute or a rewired input makes a node changed; a missing node is removed', () => {
    const v = graph([
      node('conv', 'Conv', ['x', 'w'], ['a'], { weights: [W32], attributes: { group: '2' } }),
      node('out', 'Mul', ['a', 'a'], ['y']),
    ]);
    const d = diffGraphs(FLOAT, v);
    expect(d.removed.map((n) => n.name)).toEqual(['relu']);
    expect(d.changed.map((n) => n.name)).toEqual(['conv', 'out']);
    expect(d.changed[0].reasons).toEqual(['attribute group: 1 → 2']);
    expect(d.changed[1].reasons).toEqual(['op Add → Mul', 'inputs [b, a] → [a, a]']);
    expect(d.status.relu).toBe('removed');
  });
});
