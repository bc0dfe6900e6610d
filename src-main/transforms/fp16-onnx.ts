// ONNX → float16 weight storage. Every float32 initializer of ≥ MIN_ELEMENTS elements is stored as a
// FLOAT16 initializer `<name>__fp16` followed by a `Cast(to=FLOAT)` node whose output carries the
// original name, so every consumer, every graph input/output and all compute stay float32 (the runtime
// folds the Casts at load). The file shrinks ~2×; accuracy loss is that of rounding weights to half.
// Full fp16 compute would need type propagation through every op and is not done here.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { writeFileAtomic } from '../workspace/atomic';
import { decodeOnnx, num, onnxPb, tensorElements, walkGraphs, type TensorProto } from '../models/onnx-model';
import type { onnx } from 'onnx-proto';
import { encodeFloat16 } from './half';
import type { Transform, TransformInput, TransformOutput } from './types';

/** Initializers smaller than this stay float32 (biases of tiny layers, scalars: no size to gain). */
export const MIN_ELEMENTS = 16;
const FLOAT = 1;
const FLOAT16 = 10;
const ATTR_INT = 2; // AttributeProto.AttributeType.INT

/** float32 values of an initializer (raw little-endian bytes or float_data). */
function floatValues(t: TensorProto, count: number): Float32Array {
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const f = new Float32Array(count);
    new Uint8Array(f.buffer).set(raw); // copy: raw_data need not be 4-byte aligned
    return f;
  }
  return Float32Array.from(t.floatData ?? []);
}

function uniqueName(base: string, taken: Set<string>): string {
  let n = base;
  for (let i = 1; taken.has(n); i++) n = `${base}_${i}`;
  taken.add(n);
  return n;
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const bytes = await fs.readFile(input.source);
  const model = decodeOnnx(bytes, input.source);
  const g = model.graph!;
  const opset = num(model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version);
  if (opset > 0 && opset < 6) throw new EdgeLabError('UNSUPPORTED', `fp16 needs ONNX opset ≥ 6 for Cast to/from float16 (model has ${opset})`, input.source);

  // Names in use anywhere (subgraphs included), so new names never collide.
  const taken = new Set<string>();
  walkGraphs(g, (sg) => {
    for (const n of sg.node ?? []) for (const x of [...(n.input ?? []), ...(n.output ?? []), n.name ?? '']) taken.add(x);
    for (const t of sg.initializer ?? []) taken.add(t.name ?? '');
    for (const v of [...(sg.input ?? []), ...(sg.output ?? []), ...(sg.valueInfo ?? [])]) taken.add(v.name ?? '');
  });
  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  const graphOutputs = new Set((g.output ?? []).map((v) => v.name ?? ''));

  const inits = g.initializer ?? [];
  const keptFloat: { name: string; reason: string }[] = [];
  const casts: onnx.INodeProto[] = [];
  let converted = 0;
  for (let i = 0; i < inits.length; i++) {
    checkCancelled(ctx);
    const t = inits[i];
    const name = t.name ?? '';
    const count = tensorElements(t, input.source);
    if (t.dataType === FLOAT) {
      if (count < MIN_ELEMENTS) keptFloat.push({ name, reason: `${count} elements (< ${MIN_ELEMENTS}): too small to gain from fp16` });
      else if (graphInputs.has(name)) keptFloat.push({ name, reason: 'also a graph input (overridable default): its type must stay float32' });
      else if (graphOutputs.has(name)) keptFloat.push({ name, reason: 'also a graph output: its type must stay float32' });
      else {
        const half = encodeFloat16(floatValues(t, count));
        const stored = uniqueName(`${name}__fp16`, taken);
        inits[i] = onnxPb.TensorProto.create({
          name: stored,
          dims: t.dims,
          dataType: FLOAT16,
          rawData: new Uint8Array(half.buffer),
          docString: t.docString ?? '',
        });
        casts.push(
          onnxPb.NodeProto.create({
            name: uniqueName(`${name}__cast_fp32`, taken),
            opType: 'Cast',
            input: [stored],
            output: [name],
            attribute: [onnxPb.AttributeProto.create({ name: 'to', type: ATTR_INT, i: FLOAT })],
          }),
        );
        converted++;
      }
    }
    ctx.progress({ stage: 'fp16: initializers', done: i + 1, total: inits.length, unit: 'tensors', fraction: (0.9 * (i + 1)) / inits.length });
  }
  // Casts first: ONNX requires nodes in topological order, and they depend on initializers only.
  g.node = [...casts, ...(g.node ?? [])];
  model.metadataProps = [
    ...(model.metadataProps ?? []).filter((p) => p.key !== 'edgelab.transform'),
    onnxPb.StringStringEntryProto.create({ key: 'edgelab.transform', value: 'fp16 storage: float16 initializers, Cast to float32, compute float32' }),
  ];
  checkCancelled(ctx);
  const out = onnxPb.ModelProto.encode(model).finish();
  const mainFile = join(input.outDir, basename(input.source));
  await writeFileAtomic(mainFile, out);
  ctx.progress({ stage: 'fp16: written', done: inits.length, total: inits.length, unit: 'tensors', fraction: 1 });
  return {
    mainFile,
    files: [mainFile],
    keptFloat: [{ name: 'compute', reason: 'all ops compute in float32: weights are stored as float16 and Cast to float32' }, ...keptFloat],
    settings: { storage: 'float16', compute: 'float32', minElements: MIN_ELEMENTS, convertedInitializers: converted },
  };
}

export const fp16Onnx: Transform = { kind: 'fp16', formats: ['onnx'], apply };
