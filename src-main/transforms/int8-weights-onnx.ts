// ONNX → int8 weight-only: every float32 weight of Conv / ConvTranspose / Gemm / MatMul is stored int8,
// symmetric, per output channel (axes in quant/weights.ts) and dequantized at run time by a per-axis
// DequantizeLinear; activations, biases and every other op stay float32. The file shrinks ~4× on weights;
// the runtime folds the DequantizeLinear of a constant at load, so speed is that of float32.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { onnx } from 'onnx-proto';
import { checkCancelled, type JobContext } from '../jobs/context';
import { foldInitializerCasts } from './quant/fold-casts';
import { decodeOnnx, num, onnxPb, type ModelProto } from '../formats/onnx/codec';
import { writeFileAtomic } from '../workspace/atomic';
import { DT } from '../formats/onnx/dtypes';
import { namesInUse } from '../formats/onnx/edit';
import { requireOpset13 } from './quant/onnx-nodes';
import { dropUnusedInitializers, quantizeWeight, weightAxis } from './quant/weights';
import type { Transform, TransformInput, TransformOutput } from './types';

type Kept = { name: string; reason: string };

/**
 * Quantizes the weights of `model` in place. Shared weights read by several nodes with the same axis get
 * one quantized copy. Nodes in `exclude` keep float weights. Returns the weights kept float and why.
 */
export function quantizeWeightsInPlace(model: ModelProto, file: string, exclude: Set<string>, ctx: JobContext): { kept: Kept[]; quantized: string[] } {
  const g = model.graph!;
  foldInitializerCasts(g, file); // fp16-stored weights behind a Cast become static float32 weights first
  const taken = namesInUse(g);
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const graphInputs = new Set((g.input ?? []).map((v) => v.name ?? ''));
  const done = new Map<string, string>(); // `${name}@${axis}` → dequantized tensor
  const dqNodes: onnx.NodeProto[] = [];
  const kept: Kept[] = [];
  const quantized: string[] = [];
  const nodes = g.node ?? [];
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    if (k % 16 === 0) checkCancelled(ctx);
    const w = n.input?.[1];
    if (!w || !['Conv', 'ConvTranspose', 'Gemm', 'MatMul'].includes(n.opType ?? '')) continue;
    const t = inits.get(w);
    if (!t) continue; // activation × activation MatMul: nothing stored
    if (exclude.has(n.name ?? '')) {
      kept.push({ name: n.name ?? w, reason: 'excluded by --exclude' });
      continue;
    }
    if (t.dataType !== DT.FLOAT) continue;
    if (graphInputs.has(w)) {
      kept.push({ name: w, reason: 'also a graph input (overridable default): must stay float32' });
      continue;
    }
    const axis = weightAxis(n, 1, t.dims?.length ?? 0);
    if (axis === undefined) {
      kept.push({ name: w, reason: `${n.opType} weight of rank ${t.dims?.length ?? 0}: no per-channel axis` });
      continue;
    }
    const key = `${w}@${axis}`;
    let out = done.get(key);
    if (!out) {
      const q = quantizeWeight(g, t, axis, taken, file);
      dqNodes.push(q.node);
      out = q.output;
      done.set(key, out);
      quantized.push(w);
    }
    n.input![1] = out;
    ctx.progress({ stage: 'int8-weights: weights', done: k + 1, total: nodes.length, unit: 'nodes', fraction: (0.9 * (k + 1)) / nodes.length });
  }
  // DequantizeLinear nodes read initializers only: placing them first keeps the graph topologically sorted.
  g.node = [...dqNodes, ...nodes];
  dropUnusedInitializers(g);
  return { kept, quantized };
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const model = decodeOnnx(await fs.readFile(input.source), input.source);
  const opset = requireOpset13(model, input.source);
  const exclude = new Set((input.settings.exclude as string[] | undefined) ?? []);
  const { kept, quantized } = quantizeWeightsInPlace(model, input.source, exclude, ctx);
  if (num(model.irVersion) < 7) model.irVersion = 7; // opset 13 needs IR ≥ 7
  model.metadataProps = [
    ...(model.metadataProps ?? []).filter((p) => p.key !== 'edgelab.transform'),
    onnxPb.StringStringEntryProto.create({ key: 'edgelab.transform', value: 'int8-weights: int8 symmetric per-channel weights, float32 activations' }),
  ];
  checkCancelled(ctx);
  const mainFile = join(input.outDir, basename(input.source));
  await writeFileAtomic(mainFile, onnxPb.ModelProto.encode(model).finish());
  ctx.progress({ stage: 'int8-weights: written', fraction: 1 });
  return {
    mainFile,
    files: [mainFile],
    keptFloat: [{ name: 'activations', reason: 'weight-only quantization: activations and compute stay float32' }, ...kept],
    settings: { weights: 'int8 symmetric per-channel', activations: 'float32', quantizedWeights: quantized.length, opset: opset.from === opset.to ? opset.to : `${opset.from} → ${opset.to}` },
  };
}

export const int8WeightsOnnx: Transform = { kind: 'int8-weights', formats: ['onnx'], apply };
