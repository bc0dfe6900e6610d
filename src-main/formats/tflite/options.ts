// THE TFLite builtin-options table: op name → BuiltinOptions union type id and the options table's fields, each as
// [schema.fbs field name, field id, scalar kind, default, enum map?]. The writer (writer.ts) serialises
// TfliteOp.options through it and the IR reader (read-model.ts) parses them back through it: one source of truth.
// Source: tensorflow/compiler/mlir/lite/schema/schema.fbs (union BuiltinOptions; tables *Options; field ids are the
// declaration order, deprecated fields keep their id — e.g. ResizeBilinearOptions' new_height/new_width are ids 0,1).
// Checked against TF 2.21's tensorflow/lite/python/schema_py_generated.py (the flatc output of that schema).
// Ops absent from the table take no options (RELU, LOGISTIC…: only the op code is written).
import { TFLITE_TYPES } from './dtypes';

/** Scalar kind of an options field; 'int32[]' is a vector of int32 (ReshapeOptions.new_shape). */
export type OptionKind = 'int8' | 'int32' | 'bool' | 'float32' | 'int32[]';

/** [name, field id, kind, default (what a reader gets when absent), enum code → name] */
export type OptionField = readonly [string, number, OptionKind, number | boolean, Readonly<Record<number, string>>?];

export interface OpOptionsSpec {
  /** BuiltinOptions union type id (schema.fbs union order, NONE = 0). */
  unionType: number;
  /** Number of fields of the options table (the largest id + 1; vtable size). */
  fields: readonly OptionField[];
}

/** enum Padding */
export const PADDING: Readonly<Record<number, string>> = { 0: 'SAME', 1: 'VALID' };
/** enum ActivationFunctionType */
export const ACTIVATION: Readonly<Record<number, string>> = { 0: 'NONE', 1: 'RELU', 2: 'RELU_N1_TO_1', 3: 'RELU6', 4: 'TANH', 5: 'SIGN_BIT' };
/** enum FullyConnectedOptionsWeightsFormat */
const WEIGHTS_FORMAT: Readonly<Record<number, string>> = { 0: 'DEFAULT', 1: 'SHUFFLED4x16INT8' };
/** enum MirrorPadMode */
const MIRROR_PAD_MODE: Readonly<Record<number, string>> = { 0: 'REFLECT', 1: 'SYMMETRIC' };
/** enum TensorType by its schema names (FLOAT32, INT8…: dtypes.ts names upper-cased). The writer also takes
 *  EdgeLab's lower-case dtype names (enum names are matched case-insensitively). */
const TENSOR_TYPE: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(TFLITE_TYPES).map(([k, v]) => [Number(k), v[0].toUpperCase()]));

const ACT = (id: number): OptionField => ['fused_activation_function', id, 'int8', 0, ACTIVATION];
const PAD: OptionField = ['padding', 0, 'int8', 0, PADDING];
const NO_FIELDS: readonly OptionField[] = [];
const empty = (unionType: number): OpOptionsSpec => ({ unionType, fields: NO_FIELDS });

const CONV: OpOptionsSpec = {
  unionType: 1,
  fields: [PAD, ['stride_w', 1, 'int32', 0], ['stride_h', 2, 'int32', 0], ACT(3), ['dilation_w_factor', 4, 'int32', 1], ['dilation_h_factor', 5, 'int32', 1], ['quantized_bias_type', 6, 'int8', 0, TENSOR_TYPE]],
};
const POOL: OpOptionsSpec = {
  unionType: 5,
  fields: [PAD, ['stride_w', 1, 'int32', 0], ['stride_h', 2, 'int32', 0], ['filter_width', 3, 'int32', 0], ['filter_height', 4, 'int32', 0], ACT(5)],
};
const REDUCER: OpOptionsSpec = { unionType: 27, fields: [['keep_dims', 0, 'bool', false]] };
const MINMAX = empty(39);

export const TFLITE_OPTIONS: Readonly<Record<string, OpOptionsSpec>> = {
  CONV_2D: CONV,
  DEPTHWISE_CONV_2D: {
    unionType: 2,
    fields: [PAD, ['stride_w', 1, 'int32', 0], ['stride_h', 2, 'int32', 0], ['depth_multiplier', 3, 'int32', 0], ACT(4), ['dilation_w_factor', 5, 'int32', 1], ['dilation_h_factor', 6, 'int32', 1]],
  },
  FULLY_CONNECTED: {
    unionType: 8,
    fields: [ACT(0), ['weights_format', 1, 'int8', 0, WEIGHTS_FORMAT], ['keep_num_dims', 2, 'bool', false], ['asymmetric_quantize_inputs', 3, 'bool', false], ['quantized_bias_type', 4, 'int8', 0, TENSOR_TYPE]],
  },
  ADD: { unionType: 11, fields: [ACT(0), ['pot_scale_int16', 1, 'bool', true]] },
  SUB: { unionType: 28, fields: [ACT(0), ['pot_scale_int16', 1, 'bool', true]] },
  MUL: { unionType: 21, fields: [ACT(0)] },
  DIV: { unionType: 29, fields: [ACT(0)] },
  CONCATENATION: { unionType: 10, fields: [['axis', 0, 'int32', 0], ACT(1)] },
  RESHAPE: { unionType: 17, fields: [['new_shape', 0, 'int32[]', 0]] },
  TRANSPOSE: empty(26),
  AVERAGE_POOL_2D: POOL,
  MAX_POOL_2D: POOL,
  MEAN: REDUCER,
  SUM: REDUCER,
  REDUCE_MAX: REDUCER,
  RESIZE_BILINEAR: { unionType: 15, fields: [['align_corners', 2, 'bool', false], ['half_pixel_centers', 3, 'bool', false]] },
  RESIZE_NEAREST_NEIGHBOR: { unionType: 74, fields: [['align_corners', 0, 'bool', false], ['half_pixel_centers', 1, 'bool', false]] },
  SOFTMAX: { unionType: 9, fields: [['beta', 0, 'float32', 0]] },
  PAD: empty(22),
  STRIDED_SLICE: {
    unionType: 32,
    fields: [['begin_mask', 0, 'int32', 0], ['end_mask', 1, 'int32', 0], ['ellipsis_mask', 2, 'int32', 0], ['new_axis_mask', 3, 'int32', 0], ['shrink_axis_mask', 4, 'int32', 0], ['offset', 5, 'bool', false]],
  },
  SLICE: empty(48),
  SPLIT: { unionType: 35, fields: [['num_splits', 0, 'int32', 0]] },
  SPLIT_V: { unionType: 79, fields: [['num_splits', 0, 'int32', 0]] },
  GATHER: { unionType: 23, fields: [['axis', 0, 'int32', 0], ['batch_dims', 1, 'int32', 0]] },
  CAST: { unionType: 37, fields: [['in_data_type', 0, 'int8', 0, TENSOR_TYPE], ['out_data_type', 1, 'int8', 0, TENSOR_TYPE]] },
  TOPK_V2: empty(34),
  EQUAL: empty(53),
  FLOOR_MOD: empty(72),
  FLOOR_DIV: empty(65),
  MINIMUM: MINMAX,
  MAXIMUM: MINMAX,
  SQUEEZE: { unionType: 30, fields: [['squeeze_dims', 0, 'int32[]', 0]] },
  EXPAND_DIMS: empty(52),
  PACK: { unionType: 59, fields: [['values_count', 0, 'int32', 0], ['axis', 1, 'int32', 0]] },
  UNPACK: { unionType: 64, fields: [['num', 0, 'int32', 0], ['axis', 1, 'int32', 0]] },
  ARG_MAX: { unionType: 40, fields: [['output_type', 0, 'int8', 0, TENSOR_TYPE]] },
  LEAKY_RELU: { unionType: 75, fields: [['alpha', 0, 'float32', 0]] },
  QUANTIZE: empty(89),
  DEQUANTIZE: empty(38),
  HARD_SWISH: empty(91),
  EXP: empty(33),
  NEG: empty(42),
  ABS: empty(78),
  GREATER: empty(44),
  LESS: empty(41),
  SELECT_V2: empty(98),
  TILE: empty(51),
  SHAPE: { unionType: 55, fields: [['out_type', 0, 'int8', 0, TENSOR_TYPE]] },
  ADD_N: empty(82),
  // Beyond the minimum set: ops an ONNX → TFLite converter commonly emits.
  DEPTH_TO_SPACE: { unionType: 94, fields: [['block_size', 0, 'int32', 0]] },
  SPACE_TO_DEPTH: { unionType: 19, fields: [['block_size', 0, 'int32', 0]] },
  MIRROR_PAD: { unionType: 77, fields: [['mode', 0, 'int8', 0, MIRROR_PAD_MODE]] },
  BATCH_MATMUL: { unionType: 101, fields: [['adj_x', 0, 'bool', false], ['adj_y', 1, 'bool', false], ['asymmetric_quantize_inputs', 2, 'bool', false]] },
  TRANSPOSE_CONV: {
    unionType: 49,
    fields: [PAD, ['stride_w', 1, 'int32', 0], ['stride_h', 2, 'int32', 0], ACT(3), ['quantized_bias_type', 4, 'int8', 0, TENSOR_TYPE]],
  },
  GELU: { unionType: 116, fields: [['approximate', 0, 'bool', false]] },
  L2_NORMALIZATION: { unionType: 12, fields: [ACT(0)] },
  ARG_MIN: { unionType: 57, fields: [['output_type', 0, 'int8', 0, TENSOR_TYPE]] },
  CUMSUM: { unionType: 102, fields: [['exclusive', 0, 'bool', false], ['reverse', 1, 'bool', false]] },
  ONE_HOT: { unionType: 61, fields: [['axis', 0, 'int32', 0]] },
  REDUCE_MIN: REDUCER,
  REDUCE_PROD: REDUCER,
  PADV2: empty(43),
  GREATER_EQUAL: empty(45),
  LESS_EQUAL: empty(46),
  NOT_EQUAL: empty(54),
  POW: empty(56),
  SQUARED_DIFFERENCE: empty(76),
  LOG_SOFTMAX: empty(36),
  SELECT: empty(47),
  GATHER_ND: empty(83),
  BROADCAST_TO: empty(104),
  SQUARE: empty(66),
  BATCH_TO_SPACE_ND: empty(24),
  SPACE_TO_BATCH_ND: empty(25),
};

/** Code of enum value `v` (a name, any case, or a code) in `enums`; undefined when it is not in the enum. */
export function enumCodeOf(enums: Readonly<Record<number, string>>, v: unknown): number | undefined {
  if (typeof v === 'number') return v in enums ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const hit = Object.entries(enums).find(([, name]) => name.toUpperCase() === v.toUpperCase());
  return hit ? Number(hit[0]) : undefined;
}

/** Options table size in fields (vtable slots) of a spec. */
export function optionSlots(spec: OpOptionsSpec): number {
  return spec.fields.reduce((n, f) => Math.max(n, f[1] + 1), 0);
}
