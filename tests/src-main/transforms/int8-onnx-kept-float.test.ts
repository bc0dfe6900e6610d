// What int8 (ONNX) reports as kept in float, checked against the model it writes: a real conversion of the bundled
// SSD ONNX (Relu6 as Clip(0, 6)) on 2 real frames. The written graph is classified here on its own: a node computes
// in int8 when every float input comes from a DequantizeLinear and every float output goes only to QuantizeLinear
// (what onnxruntime fuses into QLinear* kernels); any other node touching a float tensor computes in float32.
// keptFloat must name exactly those float nodes (single nodes by name, groups by op type with their count), and the
// Clip nodes folded into their producer's quantized output must not be among them: they are reported in `folded`.
// A second conversion excludes one Clip: it and its Conv stay in the graph, in float, both listed (and not as folded).
// The judge (./float-nodes.ts, on the GraphProto) and the Graph view's classifier (src-shared/graph/float-compute.ts,
// on the ModelGraph) find the same nodes in both written graphs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { int8Onnx } from '../../../src-main/transforms/int8-onnx';
import { bundledModelsDir, findBundledModel, samplesDir } from '../../../src-main/models/catalog';
import { silentJob } from '../../../src-main/jobs/context';
import { decodeOnnx, type GraphProto } from '../../../src-main/formats/onnx/codec';
import { onnxModelGraph } from '../../../src-main/formats/onnx/model-graph';
import { floatComputeNodes } from '../../../src-shared/graph/float-compute';
import type { TransformOutput } from '../../../src-main/transforms/types';
import { floatNodes } from './float-nodes';

const SSD = join(bundledModelsDir(), 'ssd-mobilenet-v2-coco-onnx/model.onnx');
const META = findBundledModel('ssd-mobilenet-v2-coco-onnx')!.meta;

const CONV = 'FeatureExtractor/MobilenetV2/expanded_conv_3/expand/BatchNorm/batchnorm/mul_1/conv_nchw__Conv';
const CLIP = 'FeatureExtractor/MobilenetV2/expanded_conv_3/expand/Relu6__Clip__nchw';

let scratch: string;
let source: GraphProto;
type Made = { res: TransformOutput; written: GraphProto; bytes: Uint8Array; file: string };
let full: Made;
let excluded: Made;
async function convert(name: string, exclude: string[]): Promise<Made> {
  const outDir = join(scratch, name);
  await fs.mkdir(outDir);
  const res = await int8Onnx.apply({ source: SSD, outDir, settings: { meta: META, calibration: join(samplesDir(), 'cup.mp4'), frames: 2, method: 'minmax', exclude } }, silentJob);
  const bytes = await fs.readFile(res.mainFile);
  return { res, written: decodeOnnx(bytes, res.mainFile).graph!, bytes, file: res.mainFile };
}
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-kept-float-'));
  source = decodeOnnx(await fs.readFile(SSD), SSD).graph!;
  full = await convert('full', []);
  excluded = await convert('excluded', [CLIP]);
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** keptFloat names only float32 nodes of `written`, and accounts for every one of them. */
function expectKeptIsFloat({ res, written }: Made): void {
  const float = floatNodes(written);
  const byOp = new Map<string, number>();
  for (const op of float.values()) byOp.set(op, (byOp.get(op) ?? 0) + 1);
  const accounted = new Map<string, number>();
  const count = (op: string, n: number) => accounted.set(op, (accounted.get(op) ?? 0) + n);
  expect(res.keptFloat.length).toBeGreaterThan(0);
  for (const k of res.keptFloat) {
    const op = float.get(k.name);
    if (op !== undefined) count(op, 1); // a single node, float32 in the written graph
    else if (k.name === 'post-processing') {
      // "54 node(s) after the last Conv/Gemm/MatMul (14 Transpose, 24 Reshape, …) kept in float32…"
      const list = /\(([^()]*)\) kept in float32/.exec(k.reason)![1];
      for (const part of list.split(', ')) count(part.split(' ')[1], Number(part.split(' ')[0]));
    } else {
      // a group by op type: "3 Sub node(s): no int8 quantizer, computed in float32"
      const m = new RegExp(`^(\\d+) ${k.name} node\\(s\\)`).exec(k.reason);
      expect(m, `${k.name}: neither a float32 node of the written graph nor a group (${k.reason})`).not.toBeNull();
      count(k.name, Number(m![1]));
    }
  }
  expect(Object.fromEntries(accounted)).toEqual(Object.fromEntries(byOp));
}

describe('int8 SSD ONNX (2 real frames): keptFloat against the written model', () => {
  it('names only float32 nodes of the written graph, and accounts for every one of them', () => {
    expectKeptIsFloat(full);
    expectKeptIsFloat(excluded);
  });

  it('the Graph view\'s classifier (float-compute.ts over the ModelGraph) finds exactly the judge\'s float nodes', () => {
    for (const m of [full, excluded]) {
      const found = floatComputeNodes(onnxModelGraph(m.bytes, m.file));
      expect(found.length).toBeGreaterThan(0);
      expect([...found].sort()).toEqual([...floatNodes(m.written).keys()].sort());
    }
    expect(floatComputeNodes(onnxModelGraph(excluded.bytes, excluded.file))).toEqual(expect.arrayContaining([CONV, CLIP]));
  });

  it('lists no folded Clip: those are in `folded`, gone from the written graph, their producer int8 and writing their output', () => {
    const clips = (source.node ?? []).filter((n) => n.opType === 'Clip');
    expect(clips.length).toBeGreaterThan(30);
    const { res, written } = full;
    const kept = new Set(res.keptFloat.map((k) => k.name));
    for (const c of clips) expect(kept.has(c.name!), c.name!).toBe(false);
    const folded = res.folded ?? [];
    expect(folded.length).toBe(clips.length); // every Relu6 of SSD folds
    const writtenBy = new Map((written.node ?? []).map((n) => [n.name, n]));
    const float = floatNodes(written);
    for (const f of folded) {
      const clip = clips.find((c) => c.name === f.name);
      expect(clip, f.name).toBeDefined();
      expect(f.op).toBe('Clip');
      expect(writtenBy.has(f.name)).toBe(false);
      const into = writtenBy.get(f.into)!;
      expect(into.opType).toBe('Conv');
      expect(into.output).toEqual([clip!.output![0]]); // the Conv writes the Clip's output…
      expect(float.has(f.into)).toBe(false); // …as an int8 node (DQ in, Q out)
    }
  });

  it('--exclude of a Clip: it and its Conv are kept in float (in the written graph), the Clip is not folded', () => {
    const { res, written } = excluded;
    const float = floatNodes(written);
    expect(res.keptFloat.map((k) => k.name)).toEqual(expect.arrayContaining([CONV, CLIP]));
    expect(float.get(CONV)).toBe('Conv');
    expect(float.get(CLIP)).toBe('Clip');
    expect(res.folded?.map((f) => f.name)).not.toContain(CLIP);
    expect(res.folded).toHaveLength(full.res.folded!.length - 1);
  });
});
