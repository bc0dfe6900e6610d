// TopKV2 → ONNX TopK along the last axis (largest, sorted). ONNX gives int64 indices, TF int32: output 1
// is Cast to int32. Ties: both put the lower index first.
import { DT } from '../../../formats/onnx/dtypes';
import { numbers, type OpConverter } from './types';

export const topkOps: Record<string, OpConverter> = {
  TopKV2: (cx) => {
    const k = numbers(cx.constant(1, 'k'));
    if (k.length !== 1) cx.fail(`k must be a scalar, has ${k.length} values`);
    const idx64 = cx.b.fresh(`${cx.node.name}/indices_i64`);
    cx.b.node('TopK', [cx.input(0), cx.b.int64([k[0]], `${cx.node.name}/k`)], [cx.output(0), idx64], {
      axis: -1,
      largest: 1,
      sorted: 1, // tfjs's topk always sorts; TF's sorted=false leaves the order unspecified
    });
    cx.b.node('Cast', [idx64], [cx.output(1)], { to: DT.INT32 });
  },
};
