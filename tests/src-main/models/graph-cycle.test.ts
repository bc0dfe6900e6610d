// Cycle check of model graphs: hand-made graphs plus the bundled SSD, whose TF while loops (NextIteration back
// edges) must not count as cycles.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { nodesOnCycle } from '../../../src-main/models/graph-cycle';
import { inspectModel } from '../../../src-main/models/registry';

describe('nodesOnCycle', () => {
  it('is empty for a DAG, ignoring unknown producers (graph inputs)', () => {
    expect(nodesOnCycle([{ name: 'a', producers: ['x'] }, { name: 'b', producers: ['a', 'x'] }, { name: 'c', producers: ['a', 'b'] }])).toEqual([]);
  });
  it('names the nodes on a cycle, not those only downstream of it', () => {
    const cyc = nodesOnCycle([{ name: 'a', producers: ['x', 'c'] }, { name: 'b', producers: ['a'] }, { name: 'c', producers: ['b'] }, { name: 'd', producers: ['x'] }]);
    expect(cyc).toEqual(['a', 'b', 'c']);
  });
  it('sees a self-loop and counts a repeated input once', () => {
    expect(nodesOnCycle([{ name: 'a', producers: ['a', 'a'] }])).toEqual(['a']);
    expect(nodesOnCycle([{ name: 'a', producers: [] }, { name: 'b', producers: ['a', 'a'] }])).toEqual([]);
  });
});

describe('readers refuse cycles but accept TF while loops', () => {
  it('the bundled SSD (TF control flow with NextIteration) still inspects', async () => {
    const r = await inspectModel(join(process.cwd(), 'models/ssd-mobilenet-v2-coco/model.json'));
    expect(r.ops.NextIteration ?? r.ops.Merge).toBeGreaterThan(0);
  });
  it('a cyclic ONNX graph and a cyclic TF.js graph are BAD_INPUT naming the nodes', async () => {
    await expect(inspectModel(join(process.cwd(), 'tests/fixtures/bad/models/cyclic.onnx'))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/cycle through A \(Add\), B \(Relu\)/) });
    await expect(inspectModel(join(process.cwd(), 'tests/fixtures/bad/models/cyclic-graph/model.json'))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/cycle through nodes 'y', 'z'/) });
  });
});
