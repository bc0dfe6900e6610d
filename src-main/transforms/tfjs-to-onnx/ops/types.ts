// What an op converter sees: one TF node, its inputs as ONNX tensor names, the static facts the probe
// run gave (every shape is concrete: the converted graph has fixed input shapes), and the builder.
// Layout policy: every TF tensor exists in TF's NHWC layout; ops that ONNX defines on NCHW only (Conv,
// pooling, Resize) are wrapped per op in Transpose(0,3,1,2) … Transpose(0,2,3,1); then layout.ts moves the
// elementwise ops between them to NCHW and drops the Transposes nobody needs (NCHW interior).
import type { TfNode } from '../../../formats/tfjs/manifest';
import type { ConstValue, OnnxBuilder } from '../builder';

export interface OpCtx {
  node: TfNode;
  b: OnnxBuilder;
  /** Number of data inputs. */
  arity: number;
  /** ONNX tensor for data input `i` (an initializer when the input is static). */
  input(i: number): string;
  /** Value of data input `i` when known at conversion time (Const or constant-folded), else undefined. */
  value(i: number): ConstValue | undefined;
  /** Like value() but throws UNSUPPORTED naming the node when input `i` is not static. */
  constant(i: number, what: string): ConstValue;
  inShape(i: number): number[];
  inDtype(i: number): string;
  /** ONNX tensor name of output `k` (the TF name). */
  output(k?: number): string;
  outShape(k?: number): number[];
  outDtype(k?: number): string;
  /** Throws EdgeLabError('UNSUPPORTED') naming this node and the problem. */
  fail(problem: string): never;
}

export type OpConverter = (cx: OpCtx) => void;

/** Values of a constant as plain numbers. */
export function numbers(v: ConstValue): number[] {
  return Array.from(v.data as ArrayLike<number>, Number);
}

export const NHWC_TO_NCHW = [0, 3, 1, 2];
export const NCHW_TO_NHWC = [0, 2, 3, 1];

/** Transpose NHWC → NCHW of `x` into a temporary. */
export function toNchw(cx: OpCtx, x: string): string {
  return cx.b.tmp('Transpose', [x], `${cx.node.name}/nchw_in`, { perm: NHWC_TO_NCHW });
}

/** Transpose NCHW → NHWC of `y` into `out`. */
export function toNhwc(cx: OpCtx, y: string, out: string): void {
  cx.b.node('Transpose', [y], [out], { perm: NCHW_TO_NHWC });
}

/** Reshape `x` to a fixed shape; writes `out` (or a temporary when omitted). */
export function reshapeTo(cx: OpCtx, x: string, shape: number[], out?: string): string {
  const s = cx.b.int64(shape, `${cx.node.name}/shape`);
  return out ? cx.b.node('Reshape', [x, s], [out]) : cx.b.tmp('Reshape', [x, s], `${cx.node.name}/reshaped`);
}
