// TF.js int8 SIMULATED: a TF.js graph model that computes in float32 what a full-int8 model would compute,
// to ESTIMATE the degradation of full int8 before there is a device runtime for it. Honest about what it is:
//  - It is a graph rewrite, not a runtime hook: fake-quant nodes (RealDiv → Round → ClipByValue → Mul) follow
//    every quantized activation (int8-sim-plan.ts), with ranges calibrated on real frames of the float32
//    model by the shared streaming calibrators (calibration/: minmax | percentile | entropy); kernels are
//    replaced by their int8 symmetric per-channel round trip (quant/qdq-math.ts). The result is a normal
//    stock-loadable TF.js model, so replay, reports and `layers` measure it like any variant.
//  - Arithmetic stays float32: int32 accumulation and the requantization multiplier's rounding of a real
//    int8 kernel are not modelled; bias int32 rounding is not applied (its error, ≤ s_in·s_w/2 per output, is
//    far below one activation step). Weights are stored as float32, so the files are NOT smaller:
//    settings.estimatedInt8Bytes gives what int8 storage would take.
//  - Every output says so: model.json userDefinedMetadata.edgelab.simulated, TransformOutput settings
//    (simulated: true → ConvertResult.simulated, VariantEntry.settings), and the CLI text.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelMeta } from '../../src-shared/types/model';
import { createCalibrator, DEFAULT_METHOD, DEFAULT_PERCENTILE } from '../calibration/calibrators';
import { calibrationFrames, openCalibrationSource } from '../calibration/reader';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { elementCount, readModelJson, type TfNode } from '../formats/tfjs/manifest';
import { asymmetricUint8, quantizePerChannelInt8 } from './quant/qdq-math';
import { fqNames, insertFakeQuant, planSimInt8 } from './int8-sim-plan';
import { floatValues, rewriteTfjsModel, type StoredWeight } from './tfjs-rewrite';
import { openTapped } from '../runtimes/tapped';
import type { Transform, TransformInput, TransformOutput } from './types';

/** model.json key that marks a simulated variant (stock tfjs keeps userDefinedMetadata as is). */
export const SIMULATED_MARK = 'edgelab';
export const DEFAULT_SIM_FRAMES = 32;

/** True when a TF.js model.json carries the simulated-int8 mark. Never throws. */
export async function isSimulatedModel(modelJson: string): Promise<boolean> {
  try {
    const j = JSON.parse(await fs.readFile(modelJson, 'utf8')) as { userDefinedMetadata?: Record<string, { simulated?: unknown }> };
    return j.userDefinedMetadata?.[SIMULATED_MARK]?.simulated === true;
  } catch {
    return false;
  }
}

/** Row-major dims and channel axis of a kernel for per-output-channel quantization. */
function kernelLayout(op: string, shape: number[], transposeB: boolean): { dims: number[]; axis: number } {
  if (op.includes('Depthwise')) return { dims: [shape[0] * shape[1], shape[2] * shape[3]], axis: 1 }; // [h,w,in,mult]: channel = in·mult
  if (op.includes('MatMul')) return { dims: shape, axis: transposeB ? 0 : 1 };
  return { dims: shape, axis: shape.length - 1 }; // Conv2D HWIO
}

function scalar(name: string, v: number): StoredWeight {
  return { entry: { name, shape: [], dtype: 'float32' }, bytes: new Uint8Array(new Float32Array([v]).buffer) };
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const s = input.settings;
  const meta = s.meta as ModelMeta | undefined;
  if (!meta?.input) throw new EdgeLabError('BAD_INPUT', 'simulated int8 needs an input spec (bundled catalog or sidecar) to feed calibration frames', input.source);
  if (typeof s.calibration !== 'string') throw new EdgeLabError('BAD_INPUT', 'int8 needs a calibration clip or image folder (--calibration)', input.source);
  if (s.targetSnrDb !== undefined) {
    throw new EdgeLabError('UNSUPPORTED', '--target-snr (mixed precision) applies to ONNX int8; convert the TF.js model to ONNX first (--to onnx)', input.source);
  }
  const method = (s.method as string | undefined) ?? DEFAULT_METHOD;
  const percentile = method === 'percentile' ? ((s.percentile as number | undefined) ?? DEFAULT_PERCENTILE) : undefined;
  const frames = (s.frames as number | undefined) ?? DEFAULT_SIM_FRAMES;
  const exclude = new Set((s.exclude as string[] | undefined) ?? []);

  const model = await readModelJson(input.source);
  const nodes = (model.json.modelTopology.node ?? []) as TfNode[];
  const known = new Set(nodes.map((n) => n.name));
  const unknown = [...exclude].filter((x) => !known.has(x));
  if (unknown.length) throw new EdgeLabError('BAD_INPUT', `--exclude names no node of the model: ${unknown.join(', ')}`, input.source);
  const plan = planSimInt8(nodes, exclude);
  if (plan.activations.length === 0) throw new EdgeLabError('UNSUPPORTED', 'no node of the model has a simulated int8 quantizer', input.source);

  // 1. Calibrate activation ranges on the float32 model (one frame's activations in memory at a time).
  const calJob = subJob(ctx, 0, 0.8, 'calibrate');
  const taps = await openTapped(input.source, 'tfjs-graph', { tensors: plan.activations });
  const calibrators = new Map(plan.activations.map((a) => [a, createCalibrator(method, percentile !== undefined ? { percentile } : {})]));
  const hash = createHash('sha256');
  let n = 0;
  try {
    const feedName = meta.input.name ?? taps.inputNames[0];
    for await (const f of calibrationFrames(await openCalibrationSource(s.calibration), meta.input, frames, { signal: ctx.signal, hash })) {
      checkCancelled(ctx);
      const outs = await taps.run({ [feedName]: f.tensor }, plan.activations);
      for (const [name, values] of outs) calibrators.get(name)!.add(values);
      n++;
      calJob.progress({ stage: 'frames', done: n, total: frames, unit: 'frames', fraction: n / frames });
    }
  } finally {
    await taps.dispose();
  }
  const ranges = new Map([...calibrators].map(([k, c]) => [k, c.range()]));

  // 2. Rewrite: kernels → int8 round trip (stored float32), fake-quant constants appended, topology edited.
  const kernels = new Map(plan.kernels.map((k) => [k.weight, k]));
  let int8Bytes = 0;
  let floatBytes = 0;
  const extra: StoredWeight[] = [];
  const quantized: string[] = [];
  for (const a of plan.activations) {
    const [lo, hi] = ranges.get(a) ?? [0, 0];
    const p = asymmetricUint8(lo, hi);
    const q = fqNames(a);
    extra.push(scalar(q.scale, p.scale), scalar(q.lo, -p.zeroPoint), scalar(q.hi, 255 - p.zeroPoint));
    quantized.push(a);
  }
  const { mainFile, files } = await rewriteTfjsModel(
    input.source,
    input.outDir,
    {
      stage: 'int8 (simulated): weights',
      weight(w) {
        const values = floatValues(w);
        const k = kernels.get(w.entry.name);
        const count = elementCount(w.entry.shape);
        if (!values || !k) {
          floatBytes += values ? 4 * count : w.bytes.length; // float biases/constants: 4 bytes (int32 / float32) in an int8 model
          if (!values) return w;
          // other float weights: widen to plain float32 so the whole model reads one way
          return { entry: { name: w.entry.name, shape: w.entry.shape, dtype: 'float32' }, bytes: new Uint8Array(values.buffer) };
        }
        const { dims, axis } = kernelLayout(k.op, w.entry.shape, k.transposeB);
        if (dims.reduce((x, y) => x * y, 1) !== count) throw new EdgeLabError('BAD_INPUT', `kernel '${w.entry.name}' of '${k.node}' has shape [${w.entry.shape}] that ${k.op} cannot use`, input.source);
        const { q, scales } = quantizePerChannelInt8(values, dims, axis);
        const inner = dims.slice(axis + 1).reduce((x, y) => x * y, 1);
        const out = new Float32Array(count);
        for (let i = 0; i < count; i++) out[i] = q[i] * scales[Math.floor(i / inner) % dims[axis]];
        int8Bytes += count + 4 * scales.length;
        return { entry: { name: w.entry.name, shape: w.entry.shape, dtype: 'float32' }, bytes: new Uint8Array(out.buffer) };
      },
      extra: () => extra,
      topology: (json) => ({
        ...json,
        modelTopology: { ...json.modelTopology, node: insertFakeQuant(nodes, quantized) },
        userDefinedMetadata: {
          ...((json as { userDefinedMetadata?: object }).userDefinedMetadata ?? {}),
          [SIMULATED_MARK]: { simulated: true, kind: 'int8', note: 'float32 graph with int8 fake-quant: an estimate of full-int8 degradation, not an int8 model' },
        },
      }),
    },
    subJob(ctx, 0.8, 1, 'write'),
  );
  return {
    mainFile,
    files,
    keptFloat: plan.kept.filter((k) => k.reason.startsWith('excluded')),
    settings: {
      simulated: true,
      scheme: 'activations uint8 asymmetric per tensor (calibrated); kernels int8 symmetric per output channel; float32 arithmetic',
      method,
      ...(percentile !== undefined ? { percentile } : {}),
      calibrationFrames: n,
      calibrationSetSha256: hash.digest('hex'),
      quantizedActivations: quantized.length,
      quantizedKernels: plan.kernels.length,
      fusedIntoSuccessor: plan.kept.length - plan.kept.filter((k) => k.reason.startsWith('excluded')).length,
      estimatedInt8Bytes: int8Bytes + floatBytes,
    },
  };
}

export const int8SimTfjs: Transform = { kind: 'int8', formats: ['tfjs-graph'], apply };
