// Op → quantizer registry for static QDQ int8: which inputs of an op get QuantizeLinear/DequantizeLinear,
// whether its output does, and whether the output shares its input's parameters. Ops not listed stay
// float (their inputs are read through the DequantizeLinear of a quantized producer, if any).
//   weighted     Conv, ConvTranspose, Gemm, MatMul: input 0 activation (uint8), input 1 weight (int8 per
//                channel when constant, else uint8 activation), input 2 bias (int32, scale = s_x · s_w[c]).
//   elementwise  Add, Mul, Concat…: every float input (constants per-tensor uint8) and the output.
//   passthrough  MaxPool, Reshape, Transpose, Resize…: data input 0 and the output with the SAME
//                parameters (the op moves or picks values; ORT then runs it directly on uint8).
//   unary        AveragePool, Sigmoid…: input 0 and the output, each with its own calibrated range.
//   activation   Relu, Clip: folded into a quantized producer when valid (see qdq-plan.ts), else unary.
//   requant      HardSigmoid, HardSwish (no int8 kernel in onnxruntime): input 0 and the output, each with its own
//                range, like unary; then DQ → op → Q is computed on uint8: HardSigmoid as a requantization
//                (DQ → Q), HardSwish as QLinearMul(x, that) (requant.ts), else a 256-entry uint8 table (lookup.ts).

export type QuantKind = 'weighted' | 'elementwise' | 'passthrough' | 'unary' | 'activation' | 'requant';

export const QUANTIZERS: Record<string, QuantKind> = {
  Conv: 'weighted',
  ConvTranspose: 'weighted',
  Gemm: 'weighted',
  MatMul: 'weighted',
  Add: 'elementwise',
  Mul: 'elementwise',
  Concat: 'elementwise',
  MaxPool: 'passthrough',
  Reshape: 'passthrough',
  Transpose: 'passthrough',
  Flatten: 'passthrough',
  Squeeze: 'passthrough',
  Unsqueeze: 'passthrough',
  Resize: 'passthrough',
  AveragePool: 'unary',
  GlobalAveragePool: 'unary',
  Sigmoid: 'unary',
  HardSigmoid: 'requant',
  HardSwish: 'requant',
  Relu: 'activation',
  Clip: 'activation',
};

export function quantKind(opType: string | null | undefined): QuantKind | undefined {
  return opType ? QUANTIZERS[opType] : undefined;
}

/** Input indices that carry data to quantize for an op of `kind` with `inputs` inputs. */
export function dataInputs(kind: QuantKind, inputs: number): number[] {
  if (kind === 'elementwise') return Array.from({ length: inputs }, (_, i) => i);
  if (kind === 'weighted') return inputs >= 2 ? [0, 1] : [0];
  return inputs >= 1 ? [0] : [];
}
