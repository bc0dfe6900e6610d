// The float-region closure of mixed precision on a hand-built graph with a residual branch and a side branch:
// the kept set grows to the nodes on paths between its members, and only to eligible named nodes.
import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { regionCloser } from '../../../src-main/transforms/mixed-regions';

const pb = onnxProto.onnx;
const node = (name: string, input: string[], output: string[]) => pb.NodeProto.create({ name, opType: 'Relu', input, output });
//   X → a → b → c ─┐
//        ├→ (unnamed) ─ add → d → Y
//        └→ e → Z
const g = pb.GraphProto.create({
  node: [
    node('a', ['X'], ['ta']),
    node('b', ['ta'], ['tb']),
    node('c', ['tb'], ['tc']),
    node('', ['ta'], ['tz']),
    node('add', ['tc', 'tz'], ['tadd']),
    node('d', ['tadd'], ['Y']),
    node('e', ['ta'], ['Z']),
  ],
});
const all = new Set(['a', 'b', 'c', 'add', 'd', 'e']);

describe('regionCloser', () => {
  it('adds the nodes between kept nodes (both branches of a residual), not side branches', () => {
    const close = regionCloser(g, all);
    expect(close(['d', 'a'])).toEqual(['a', 'b', 'c', 'add', 'd']);
    expect(close(['b', 'add'])).toEqual(['b', 'c', 'add']);
    expect(close(['b'])).toEqual(['b']);
    expect(close(['e', 'b'])).toEqual(['b', 'e']); // no path between them: two islands stay two
    expect(close([])).toEqual([]);
  });

  it('adds only eligible nodes (the ones mixed precision may keep in float)', () => {
    const close = regionCloser(g, new Set(['a', 'b', 'add', 'd']));
    expect(close(['a', 'd'])).toEqual(['a', 'b', 'add', 'd']);
  });
});
