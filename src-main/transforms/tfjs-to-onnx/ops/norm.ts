// FusedBatchNorm(V3) in inference mode on NHWC: y = x·k + c with per-channel constants folded at
// conversion time, k = scale / sqrt(variance + ε), c = offset − mean·k (broadcast over the last axis).
import { attrBool, attrFloat, attrString } from '../attrs';
import type { OpConverter } from './types';

const batchNorm: OpConverter = (cx) => {
  if (attrBool(cx.node, 'is_training', false)) cx.fail('FusedBatchNorm in training mode');
  if (attrString(cx.node, 'data_format', 'NHWC') !== 'NHWC') cx.fail('FusedBatchNorm on NCHW');
  const eps = attrFloat(cx.node, 'epsilon', 0.001);
  const [scale, offset, mean, variance] = [1, 2, 3, 4].map((i) => cx.constant(i, ['scale', 'offset', 'mean', 'variance'][i - 1]).data as Float32Array);
  const c = scale.length;
  const k = new Float32Array(c);
  const b = new Float32Array(c);
  for (let i = 0; i < c; i++) {
    k[i] = scale[i] / Math.sqrt(variance[i] + eps);
    b[i] = offset[i] - mean[i] * k[i];
  }
  const kName = cx.b.initializer(cx.b.fresh(`${cx.node.name}/k`), { dtype: 'float32', shape: [c], data: k });
  const bName = cx.b.initializer(cx.b.fresh(`${cx.node.name}/c`), { dtype: 'float32', shape: [c], data: b });
  const y = cx.b.tmp('Mul', [cx.input(0), kName], `${cx.node.name}/scaled`);
  cx.b.node('Add', [y, bName], [cx.output()]);
};

export const normOps: Record<string, OpConverter> = {
  FusedBatchNorm: batchNorm,
  FusedBatchNormV3: batchNorm,
  BiasAdd: (cx) => {
    if (attrString(cx.node, 'data_format', 'NHWC') !== 'NHWC') cx.fail('BiasAdd on NCHW');
    cx.b.node('Add', [cx.input(0), cx.input(1)], [cx.output()]);
  },
};
