// Op registry: TF op name → converter. Adding an op is adding it to one family file.
import { convOps } from './conv';
import { elementwiseOps } from './elementwise';
import { matmulOps } from './matmul';
import { normOps } from './norm';
import { poolOps } from './pool';
import { resizeOps } from './resize';
import { shapeOps } from './shape';
import { topkOps } from './topk';
import type { OpConverter } from './types';

export const OP_CONVERTERS: Readonly<Record<string, OpConverter>> = {
  ...convOps,
  ...elementwiseOps,
  ...poolOps,
  ...resizeOps,
  ...shapeOps,
  ...topkOps,
  ...matmulOps,
  ...normOps,
};

/** TF ops the converter handles structurally (never through OP_CONVERTERS). */
export const STRUCTURAL_OPS = new Set(['Const', 'Placeholder', 'PlaceholderWithDefault', 'NoOp']);

/** Ops folded to constants when all their inputs are constant (their value comes from the TF.js probe run). */
export const SHAPE_QUERY_OPS = new Set(['Shape', 'Size', 'Rank', 'ShapeN']);

/** Ops never folded (stateful, control flow, random). */
export const NEVER_FOLD = new Set([
  'Placeholder', 'PlaceholderWithDefault', 'Enter', 'Exit', 'Merge', 'Switch', 'NextIteration', 'LoopCond', 'If', 'StatelessIf', 'While', 'StatelessWhile',
  'TensorArrayV3', 'TensorArrayReadV3', 'TensorArrayWriteV3', 'TensorArrayGatherV3', 'TensorArrayScatterV3', 'TensorArraySizeV3', 'TensorArraySplitV3', 'TensorArrayConcatV3',
  'RandomUniform', 'RandomStandardNormal', 'Multinomial', 'HashTableV2', 'LookupTableFindV2',
]);

export function supportedOps(): string[] {
  return Object.keys(OP_CONVERTERS).sort();
}
