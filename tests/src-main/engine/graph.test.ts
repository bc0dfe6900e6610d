// The `modelGraph` API method on a real engine and the shared diff over it: the bundled ONNX and TF.js models
// (node and edge counts recounted here from the files themselves), an int8 variant of the SSD ONNX made with the
// engine's convert (the diff finds its Q/DQ pairs, and nothing is changed but what the int8 pre-pass folds; what it
// keeps in float are its own nodes, never the Clips folded away), and an
// fp16-storage variant (only Cast nodes added, nothing removed or changed, weights stored float16); an int8 variant's
// calibrationSettings carry its bias correction and weight range as made (what "keep in float" prefills).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeOnnx } from '../../../src-main/formats/onnx/codec';
import { diffGraphs } from '../../../src-shared/graph/diff';
import { collapseGroups, groupsAt } from '../../../src-shared/graph/groups';
import type { ModelGraph } from '../../../src-shared/types/graph';
import { recordedInt8Options } from '../../../src-main/engine/graph';
import { autoReduceRange } from '../../../src-main/transforms/quant/cpu-int8';
import { BIAS_CORRECTION_ON } from '../../../src-shared/types/model';
import { REPO, useTempEngine } from './helpers';
import { floatNodes } from '../transforms/float-nodes';

const engine = useTempEngine();
const ONNX_MODELS = [
  ['centernet-mobilenet-v3-coco-onnx', 'centernet-mobilenet-v3-coco-onnx/centernet.onnx'],
  ['ssd-mobilenet-v2-coco-onnx', 'ssd-mobilenet-v2-coco-onnx/model.onnx'],
  ['blazeface-front', 'blazeface-front/face_detection_front_128x128.onnx'],
] as const;
const TFJS_MODELS = [
  ['ssd-mobilenet-v2-coco', 'ssd-mobilenet-v2-coco/model.json'],
  ['centernet-mobilenet-v3-coco', 'centernet-mobilenet-v3-coco/centernet.json'],
] as const;

function checkEdges(g: ModelGraph): void {
  const names = new Set(g.nodes.map((n) => n.name));
  expect(names.size).toBe(g.nodes.length);
  for (const e of g.edges) {
    expect(names.has(e.from)).toBe(true);
    expect(g.nodes.find((n) => n.name === e.to)!.inputs).toContain(e.tensor);
    expect(g.nodes.find((n) => n.name === e.from)!.outputs).toContain(e.tensor);
  }
}

describe('modelGraph (engine)', () => {
  it.each(ONNX_MODELS)('%s: one node per NodeProto, one edge per input another node writes', async (id, rel) => {
    const g = await engine().engine.modelGraph({ model: id });
    const proto = decodeOnnx(readFileSync(join(REPO, 'models', rel)), rel).graph!;
    const written = new Set((proto.node ?? []).flatMap((n) => n.output ?? []));
    expect(g.format).toBe('onnx');
    expect(g.id).toBe(id);
    expect(g.nodes.length).toBe(proto.node!.length);
    expect(g.edges.length).toBe((proto.node ?? []).flatMap((n) => (n.input ?? []).filter((x) => x && written.has(x))).length);
    checkEdges(g);
    const inits = new Set((proto.initializer ?? []).map((t) => t.name));
    expect(g.inputs.map((p) => p.name)).toEqual((proto.input ?? []).map((v) => v.name).filter((n) => !inits.has(n)));
    expect(g.outputs.map((p) => p.name)).toEqual((proto.output ?? []).map((v) => v.name));
    for (const p of g.inputs) expect(p.nodes.length).toBeGreaterThan(0);
    // Conv kernels: read directly, or through a Cast of a float16 initializer (the bundled SSD ONNX).
    expect(g.nodes.flatMap((n) => n.weights).filter((w) => w.shape.length === 4 && /^float(16|32)$/.test(w.dtype)).length).toBeGreaterThan(10);
    expect(Object.keys(g.nodes.find((n) => n.op === 'Conv')!.attributes)).toEqual(expect.arrayContaining(['strides']));
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });

  it.each(TFJS_MODELS)('%s: one node per computing NodeDef (what inspect counts), weights from the manifest', async (id, rel) => {
    const g = await engine().engine.modelGraph({ model: id });
    const info = await engine().engine.inspectModel({ model: id });
    const json = JSON.parse(readFileSync(join(REPO, 'models', rel), 'utf8')) as { modelTopology: { node: { name: string; op: string; input?: string[] }[] } };
    const op = new Map(json.modelTopology.node.map((n) => [n.name, n.op]));
    const computing = json.modelTopology.node.filter((n) => n.op !== 'Const' && n.op !== 'Placeholder');
    expect(g.format).toBe('tfjs-graph');
    expect(g.nodes.length).toBe(Object.values(info.ops).reduce((a, b) => a + b, 0));
    expect(g.nodes.length).toBe(computing.length);
    const dataEdges = computing.flatMap((n) => (n.input ?? []).filter((r) => !r.startsWith('^') && !['Const', 'Placeholder'].includes(op.get(r.split(':')[0])!)));
    expect(g.edges.length).toBe(dataEdges.length);
    checkEdges(g);
    expect(g.inputs.map((p) => p.name)).toEqual(info.inputs.map((p) => p.name));
    const weighted = g.nodes.filter((n) => n.weights.length > 0);
    expect(weighted.length).toBeGreaterThan(50);
    const stored = new Map(JSON.parse(readFileSync(join(REPO, 'models', rel), 'utf8')).weightsManifest.flatMap((gr: { weights: { name: string; dtype: string; quantization?: { dtype: string } }[] }) => gr.weights.map((w) => [w.name, w.quantization?.dtype ?? w.dtype])));
    const kernels = g.nodes.flatMap((n) => n.weights).filter((w) => w.shape.length === 4);
    expect(kernels.length).toBeGreaterThan(30);
    for (const w of kernels) expect(w.dtype).toBe(stored.get(w.name));
  });

  it('SSD groups by TF scope: collapsing the top scopes keeps every node in one box and every cross-box edge', async () => {
    const g = await engine().engine.modelGraph({ model: 'ssd-mobilenet-v2-coco' });
    const names = g.nodes.map((n) => n.name);
    const top = groupsAt(names, 1);
    expect([...top.keys()]).toEqual(expect.arrayContaining(['Preprocessor', 'FeatureExtractor', 'Postprocessor']));
    const c = collapseGroups(names, g.edges, new Set(top.keys()));
    expect(c.boxOf.size).toBe(names.length);
    expect(c.boxes.reduce((a, b) => a + b.members, 0)).toBe(names.length);
    expect(c.boxes.length).toBeLessThan(40);
    const crossing = g.edges.filter((e) => c.boxOf.get(e.from) !== c.boxOf.get(e.to));
    expect(c.edges.reduce((a, e) => a + e.tensors.length, 0)).toBe(crossing.length);
  });

  it('SSD ONNX int8 variant: the diff finds the Q/DQ pairs; changed = the residual sums the pre-pass rewrote; removed = what it folded', async () => {
    const m = await engine().engine.importModel({ source: 'ssd-mobilenet-v2-coco-onnx' });
    const v = await engine().engine.convertModel({ model: m.id, to: 'int8', frames: 2 });
    const float = await engine().engine.modelGraph({ model: m.id });
    const q = await engine().engine.modelGraph({ model: v.variant.id });
    expect(q.variant).toMatchObject({ kind: 'int8', parentId: m.id });
    // Made with the defaults: no bias correction, the weight range this CPU decided (recorded as used).
    expect(q.variant!.calibrationSettings).toMatchObject({ frames: 2, biasCorrection: false, reduceRange: autoReduceRange().reduceRange });
    const d = diffGraphs(float, q);
    const qdq = q.nodes.filter((n) => n.op === 'QuantizeLinear' || n.op === 'DequantizeLinear');
    expect(qdq.length).toBeGreaterThan(100);
    expect(d.added.map((n) => n.name).sort()).toEqual(qdq.map((n) => n.name).sort());
    // Changed: only the residual sums the pre-pass rewrote (quant/fold-residual-bias.ts: Sum(Conv, r) + c becomes
    // Add(Conv with c in its bias, r)), each the same node with its op now Add — nothing else.
    const sums = float.nodes.filter((n) => n.op === 'Sum').map((n) => n.name).sort();
    expect(sums).toHaveLength(10);
    expect(d.changed.map((c) => c.name).sort()).toEqual(sums);
    for (const c of d.changed) expect(c).toMatchObject({ op: 'Add', reasons: ['op Sum → Add'] });
    // Every Q has its DQ: the DQ reads the Q's output.
    const dqInputs = new Set(q.nodes.filter((n) => n.op === 'DequantizeLinear').map((n) => n.inputs[0]));
    for (const n of q.nodes.filter((x) => x.op === 'QuantizeLinear')) expect(dqInputs.has(n.outputs[0])).toBe(true);
    expect(q.nodes.filter((n) => n.op === 'QuantizeLinear').every((n) => n.quantization?.[0]?.role === 'activation')).toBe(true);
    // Removed: what the int8 pre-pass folds — activations (Clip = Relu6) and affine Mul/Add into their producers,
    // Casts of float16 initializers into float32 initializers — nothing else.
    expect(float.nodes.length - d.removed.length + d.added.length).toBe(q.nodes.length);
    expect(d.removed.length).toBeGreaterThan(0);
    const byName = new Map(float.nodes.map((n) => [n.name, n]));
    for (const r of d.removed) {
      if (r.op === 'Cast') expect(byName.get(r.name)!.weights.map((w) => w.dtype)).toEqual(['float16']);
      else expect(['Relu', 'Clip', 'Mul', 'Add']).toContain(r.op);
    }
    expect(d.weights.some((w) => w.to.includes('int8'))).toBe(true);
    expect(d.same + d.changed.length + d.removed.length).toBe(float.nodes.length);
    // Kept in float: nodes of the variant only; the Clips folded into their Conv are removed nodes, reported as folded.
    const qNames = new Set(q.nodes.map((n) => n.name));
    for (const k of q.variant!.keptFloat) expect(qNames.has(k), k).toBe(true);
    const removedClips = d.removed.filter((r) => r.op === 'Clip').map((r) => r.name).sort();
    expect(removedClips.length).toBeGreaterThan(30);
    expect(v.folded!.map((f) => f.name).sort()).toEqual(removedClips);
    for (const k of v.keptFloat) expect(removedClips).not.toContain(k.name);
    // …and they are exactly the nodes the written .onnx computes in float32, as the tests' own judge finds them on the
    // GraphProto (the conversion records groups such as 'post-processing' or 'Sub', which name no node): no Q/DQ.
    const judged = floatNodes(decodeOnnx(readFileSync(v.output!), v.output!).graph!);
    expect(judged.size).toBeGreaterThan(5);
    expect([...q.variant!.keptFloat].sort()).toEqual([...judged.keys()].sort());
    const opOf = new Map(q.nodes.map((n) => [n.name, n.op]));
    for (const k of q.variant!.keptFloat) expect(['QuantizeLinear', 'DequantizeLinear', 'Clip']).not.toContain(opOf.get(k));
    // A variant made before folded nodes were reported apart listed them in keptFloat: they mark nothing.
    const manifestFile = join(engine().dir, 'ws', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { models: { variants: { id: string; keptFloat?: string[] }[] }[] };
    const entry = manifest.models.flatMap((x) => x.variants).find((x) => x.id === v.variant.id)!;
    entry.keptFloat = [...(entry.keptFloat ?? []), ...removedClips];
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const legacy = await engine().engine.modelGraph({ model: v.variant.id });
    expect(legacy.variant!.keptFloat).toEqual(q.variant!.keptFloat);
  });

  it('int8 variant made with biasCorrection true and reduceRange true: calibrationSettings carry them as made (true = its scope)', async () => {
    const m = await engine().engine.importModel({ source: 'blazeface-front' });
    const v = await engine().engine.convertModel({ model: m.id, to: 'int8', frames: 2, method: 'minmax', biasCorrection: true, reduceRange: true });
    const g = await engine().engine.modelGraph({ model: v.variant.id });
    expect(g.variant!.calibrationSettings).toEqual({ calibration: 'cup', frames: 2, method: 'minmax', biasCorrection: BIAS_CORRECTION_ON, reduceRange: true });
    // The float32 model has none.
    expect((await engine().engine.modelGraph({ model: m.id })).variant).toBeUndefined();
  });

  it('recordedInt8Options: settings first, then the options as given; a variant that recorded neither leaves them out', () => {
    expect(recordedInt8Options({ biasCorrection: { scope: 'head', frames: 4 }, reduceRange: false }, { biasCorrection: true })).toEqual({ biasCorrection: 'head', reduceRange: false });
    expect(recordedInt8Options({ biasCorrection: 'off' }, {})).toEqual({ biasCorrection: false });
    expect(recordedInt8Options({}, { biasCorrection: 'all', reduceRange: true })).toEqual({ biasCorrection: 'all', reduceRange: true });
    expect(recordedInt8Options({ weights: 'int8 symmetric per-channel [-127, 127]' }, {})).toEqual({});
  });

  it('fp16-storage variant: only Cast nodes added, nothing removed or changed, weights float16', async () => {
    const m = await engine().engine.importModel({ source: 'centernet-mobilenet-v3-coco-onnx' });
    const v = await engine().engine.convertModel({ model: m.id, to: 'fp16', compute: 'float32', frames: 1 });
    const d = diffGraphs(await engine().engine.modelGraph({ model: m.id }), await engine().engine.modelGraph({ model: v.variant.id }));
    expect(d.added.length).toBeGreaterThan(20);
    expect(new Set(d.added.map((n) => n.op))).toEqual(new Set(['Cast']));
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.weights.length).toBeGreaterThan(20);
    expect(d.weights.every((w) => w.from.includes('float32') && w.to.includes('float16'))).toBe(true);
  });

  it('a path that is no model is NOT_FOUND', async () => {
    const e = await engine().engine.modelGraph({ model: join(engine().dir, 'nope.onnx') }).catch((x) => x);
    expect(e.code).toBe('NOT_FOUND');
  });
});
