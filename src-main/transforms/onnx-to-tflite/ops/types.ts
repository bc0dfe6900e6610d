// What an ONNX → TFLite op emitter sees: the emit context (context.ts: tensors, layout, constants) and one ONNX
// node. An emitter defines every output of its node (cx.define) or throws UNSUPPORTED via cx.fail naming the node.
import type { onnx } from 'onnx-proto';
import { num } from '../../../formats/onnx/codec';
import type { TfliteType } from '../../../formats/tflite/model-ir';
import type { EmitCtx } from '../context';
import { storedShape } from '../context';

export type OpEmitter = (cx: EmitCtx, n: onnx.INodeProto) => void;

function attr(n: onnx.INodeProto, name: string): onnx.IAttributeProto | undefined {
  return n.attribute?.find((a) => a.name === name);
}
export function intAttr(n: onnx.INodeProto, name: string, dflt: number): number {
  const a = attr(n, name);
  return a ? num(a.i) : dflt;
}
export function intsAttr(n: onnx.INodeProto, name: string): number[] | undefined {
  const a = attr(n, name);
  return a ? (a.ints ?? []).map(num) : undefined;
}
export function floatAttr(n: onnx.INodeProto, name: string): number | undefined {
  const a = attr(n, name);
  return a ? (a.f ?? 0) : undefined;
}
export function stringAttr(n: onnx.INodeProto, name: string, dflt: string): string {
  const a = attr(n, name);
  return a?.s ? new TextDecoder().decode(a.s) : dflt;
}

/** Normalised axis (negative counts from the end). */
export const axisOf = (a: number, rank: number): number => (a < 0 ? a + rank : a);

/** The TFLite element type of ONNX tensor `name`. */
export function typeOf(cx: EmitCtx, name: string): TfliteType {
  return cx.kind(name);
}

/** A new activation for ONNX output `name` (logical shape from the probe) stored permuted or not; defines it. */
export function output(cx: EmitCtx, name: string, permuted: boolean, type: TfliteType = typeOf(cx, name)): number {
  const shape = cx.shape(name);
  const idx = cx.activation(name, type, storedShape(shape, permuted));
  cx.define(name, idx, permuted, shape);
  return idx;
}

/** Values of constant input `name` as plain numbers; fails naming the node when it is not constant. */
export function constNumbers(cx: EmitCtx, n: onnx.INodeProto, name: string, what: string): number[] {
  const v = cx.constVal(name);
  if (!v) return cx.fail(n, `${what} must be a constant`);
  return Array.from(v.data);
}

/**
 * Layout for an op over several inputs that keeps a layout where the shapes align: permuted when some
 * activation input is permuted and every input is 4-D (constants of lower rank broadcast, padded to rank 4).
 */
export function permutedMode(cx: EmitCtx, names: string[]): boolean {
  const acts = names.filter((x) => cx.vals.has(x));
  if (!acts.some((a) => cx.isPermuted(a))) return false;
  return acts.every((a) => cx.shape(a).length === 4) && names.filter((c) => !cx.vals.has(c)).every((c) => cx.shape(c).length <= 4);
}

/** TFLite tensor of input `name` in the chosen layout (constants materialised in it). */
export function operand(cx: EmitCtx, name: string, permuted: boolean): number {
  if (!cx.vals.has(name) && cx.isConst(name)) return cx.constTensor(name, permuted);
  return permuted ? cx.nhwc(name) : cx.logical(name);
}

/** Clip bounds: inputs 1/2 (opset ≥ 11) or attributes min/max (older); ±Infinity where absent. */
export function clipBounds(cx: EmitCtx, n: onnx.INodeProto): [number, number] {
  const lo = n.input?.[1] ? constNumbers(cx, n, n.input[1], 'Clip min')[0] : (floatAttr(n, 'min') ?? -Infinity);
  const hi = n.input?.[2] ? constNumbers(cx, n, n.input[2], 'Clip max')[0] : (floatAttr(n, 'max') ?? Infinity);
  return [lo, hi];
}
