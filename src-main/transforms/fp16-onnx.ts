// ONNX → float16. Two modes (settings.compute):
// - 'float16' (default, what a mobile fp16 variant is): fp16 *compute* for the ops of an allow-list
//   (fp16-onnx-compute.ts), Casts at the boundaries, every other op kept float32 and listed; the remaining
//   float32 initializers get fp16 storage. Model inputs and outputs stay float32.
// - 'float32': fp16 *storage* only. Every float32 initializer of ≥ MIN_ELEMENTS elements is stored as
//   a FLOAT16 initializer `<name>__fp16` followed by `Cast(to=FLOAT)` whose output carries the original
//   name, so consumers, graph inputs/outputs and all compute stay float32 (the runtime folds the Casts at
//   load). The file shrinks ~2×; the only loss is rounding weights to half.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { writeFileAtomic } from '../workspace/atomic';
import { decodeOnnx, num, onnxPb, tensorElements, type GraphProto } from '../formats/onnx/codec';
import type { onnx } from 'onnx-proto';
import { DT } from '../formats/onnx/dtypes';
import { castNode, halfInitializer, namesInUse, uniqueName } from '../formats/onnx/edit';
import { convertComputeToFp16 } from './fp16-onnx-compute';
import type { Transform, TransformInput, TransformOutput } from './types';

/** Initializers smaller than this stay float32 in storage mode (biases of tiny layers, scalars). */
export const MIN_ELEMENTS = 16;

type Kept = { name: string; reason: string };

/** Storage mode over `g`'s float32 initializers; returns the Cast nodes to prepend and what stayed float32. */
function storeFp16(g: GraphProto, taken: Set<string>, file: string, ctx: JobContext, from: number): { casts: onnx.INodeProto[]; kept: Kept[]; converted: number } {
  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  const graphOutputs = new Set((g.output ?? []).map((v) => v.name ?? ''));
  const inits = g.initializer ?? [];
  const kept: Kept[] = [];
  const casts: onnx.INodeProto[] = [];
  let converted = 0;
  for (let i = 0; i < inits.length; i++) {
    checkCancelled(ctx);
    const t = inits[i];
    const name = t.name ?? '';
    if (t.dataType === DT.FLOAT) {
      const count = tensorElements(t, file);
      if (count < MIN_ELEMENTS) kept.push({ name, reason: `${count} elements (< ${MIN_ELEMENTS}): too small to gain from fp16` });
      else if (graphInputs.has(name)) kept.push({ name, reason: 'also a graph input (overridable default): its type must stay float32' });
      else if (graphOutputs.has(name)) kept.push({ name, reason: 'also a graph output: its type must stay float32' });
      else {
        const stored = uniqueName(`${name}__fp16`, taken);
        inits[i] = halfInitializer(t, stored, file);
        casts.push(castNode(stored, name, DT.FLOAT, taken));
        converted++;
      }
    }
    const f = from + (0.9 - from) * ((i + 1) / inits.length);
    ctx.progress({ stage: 'fp16: initializers', done: i + 1, total: inits.length, unit: 'tensors', fraction: f });
  }
  return { casts, kept, converted };
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const compute = input.settings.compute ?? 'float16';
  if (compute !== 'float32' && compute !== 'float16') {
    throw new EdgeLabError('BAD_INPUT', `fp16 setting compute must be 'float32' or 'float16', got ${JSON.stringify(compute)}`);
  }
  const bytes = await fs.readFile(input.source);
  const model = decodeOnnx(bytes, input.source);
  const g = model.graph!;
  const opset = num(model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version);
  if (opset > 0 && opset < 6) throw new EdgeLabError('UNSUPPORTED', `fp16 needs ONNX opset ≥ 6 for Cast to/from float16 (model has ${opset})`, input.source);
  const taken = namesInUse(g);

  const keptFloat: Kept[] = [];
  const settings: Record<string, unknown> = { storage: 'float16', compute, minElements: MIN_ELEMENTS };
  if (num(model.irVersion) < 4) {
    // IR < 4 lists every initializer among the graph inputs, without meaning "overridable"; the new
    // FLOAT16 initializers would need to be listed too. Move to IR 4 (identical semantics otherwise).
    const initNames = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
    g.input = (g.input ?? []).filter((v) => !initNames.has(v.name ?? ''));
    settings.irVersion = `${num(model.irVersion)} → 4 (initializers no longer listed as graph inputs)`;
    model.irVersion = 4;
  }
  if (compute === 'float16') {
    const r = convertComputeToFp16(g, taken, input.source, ctx);
    keptFloat.push(...r.keptOps);
    Object.assign(settings, { fp16Nodes: r.fp16Nodes, boundaryCasts: r.casts, fp16Initializers: r.initializers });
  } else {
    keptFloat.push({ name: 'compute', reason: 'all ops compute in float32: weights are stored as float16 and Cast to float32' });
  }
  const s = storeFp16(g, taken, input.source, ctx, compute === 'float16' ? 0.5 : 0);
  // Casts first: ONNX requires nodes in topological order, and they depend on initializers only.
  g.node = [...s.casts, ...(g.node ?? [])];
  keptFloat.push(...s.kept);
  settings.convertedInitializers = s.converted;

  model.metadataProps = [
    ...(model.metadataProps ?? []).filter((p) => p.key !== 'edgelab.transform'),
    onnxPb.StringStringEntryProto.create({ key: 'edgelab.transform', value: `fp16: storage float16, compute ${compute}` }),
  ];
  checkCancelled(ctx);
  const out = onnxPb.ModelProto.encode(model).finish();
  const mainFile = join(input.outDir, basename(input.source));
  await writeFileAtomic(mainFile, out);
  ctx.progress({ stage: 'fp16: written', fraction: 1 });
  return { mainFile, files: [mainFile], keptFloat, settings };
}

export const fp16Onnx: Transform = { kind: 'fp16', formats: ['onnx'], apply };
