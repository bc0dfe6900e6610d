// Op registry: ONNX op → TFLite emitter. Adding an op is adding it to one family file. Ops folded to constants
// (Constant, Shape, ConstantOfShape, any node of constant inputs) never reach an emitter (graph.ts).
import { convOps } from './conv';
import { elementwiseOps } from './elementwise';
import { matmulOps } from './matmul';
import { poolOps } from './pool';
import { resizeOps } from './resize';
import { shapeOps } from './shape';
import { sliceOps } from './slice';
import { topkOps } from './topk';
import type { OpEmitter } from './types';

export const OP_EMITTERS: Readonly<Record<string, OpEmitter>> = {
  ...convOps,
  ...elementwiseOps,
  ...poolOps,
  ...resizeOps,
  ...shapeOps,
  ...sliceOps,
  ...topkOps,
  ...matmulOps,
};

export function supportedOps(): string[] {
  return Object.keys(OP_EMITTERS).sort();
}
