// The emitter's state: the TFLite model being built and, per ONNX tensor, where its value lives.
// LAYOUT: ONNX graphs are NCHW around Conv; TFLite wants NHWC. A 4-D ONNX tensor is either stored as it is
// ("logical", permuted=false) or stored NHWC while logically NCHW ("permuted": stored = transpose(logical,
// [0,2,3,1]), so logical axis a is stored axis LOGICAL_TO_STORED[a]). Conv/pool/resize produce permuted tensors;
// elementwise ops keep them; anything layout-sensitive the emitters do not remap asks for `logical(name)`, which
// materialises one TRANSPOSE [0,3,1,2] per tensor (cached). Constants are materialised on demand in either layout.
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { addTensor, int32Const, type TfliteModel, type TfliteOptions, type TfliteType } from '../../formats/tflite/model-ir';
import type { ProbeFacts } from './graph';
import { constBytes, size, transposeData, type ConstKind, type ConstVal } from './values';

export const NCHW_TO_NHWC = [0, 2, 3, 1];
export const NHWC_TO_NCHW = [0, 3, 1, 2];
/** Stored axis of logical axis a for a permuted 4-D tensor. */
export const LOGICAL_TO_STORED = [0, 3, 1, 2];

export interface TVal {
  /** TFLite tensor index holding the value. */
  index: number;
  /** Logical (ONNX) shape. */
  shape: number[];
  /** Stored NHWC while logically NCHW (4-D only). */
  permuted: boolean;
}

export function storedShape(shape: number[], permuted: boolean): number[] {
  return permuted ? NCHW_TO_NHWC.map((p) => shape[p]) : shape.slice();
}

export class EmitCtx {
  readonly vals = new Map<string, TVal>();
  /** TFLite TRANSPOSE ops the layout handling added (not counting the model's own). */
  layoutTransposes = 0;
  private readonly constCache = new Map<string, number>();
  private readonly logicalCache = new Map<string, number>();
  private readonly nhwcCache = new Map<string, number>();
  /** Nodes already emitted by a fusion (conv + scale/bias/activation). */
  readonly done = new Set<onnx.INodeProto>();

  constructor(
    readonly model: TfliteModel,
    readonly facts: ProbeFacts,
    readonly file: string,
    /** ONNX tensor name → the nodes reading it. */
    readonly consumers: Map<string, onnx.INodeProto[]>,
    readonly graphOutputs: Set<string>,
  ) {}

  fail(n: onnx.INodeProto, problem: string): never {
    throw new EdgeLabError('UNSUPPORTED', `cannot convert ${n.opType} node '${n.name || n.output?.[0]}' to TFLite: ${problem}`, this.file);
  }

  isConst(name: string): boolean {
    return this.facts.consts.has(name);
  }
  constVal(name: string): ConstVal | undefined {
    return this.facts.consts.get(name);
  }
  shape(name: string): number[] {
    const s = this.vals.get(name)?.shape ?? this.facts.shapes.get(name);
    if (!s) throw new EdgeLabError('INTERNAL', `no shape known for tensor '${name}'`, this.file);
    return s;
  }
  kind(name: string): ConstKind {
    return this.facts.kinds.get(name) ?? 'float32';
  }
  isPermuted(name: string): boolean {
    return this.vals.get(name)?.permuted === true;
  }

  /** A new activation tensor (stored shape) named `name`. */
  activation(name: string, type: TfliteType, stored: number[]): number {
    return addTensor(this.model, { name, type, shape: stored });
  }
  /** A constant tensor from a value, in logical layout or (4-D after padding to rank 4) permuted NHWC. */
  constTensor(name: string, permuted = false, padTo4 = permuted): number {
    const key = `${name}|${permuted}|${padTo4}`;
    const hit = this.constCache.get(key);
    if (hit !== undefined) return hit;
    const v = this.constVal(name);
    if (!v) throw new EdgeLabError('INTERNAL', `'${name}' is not a constant`, this.file);
    let shape = v.shape;
    let data = v.data;
    if (padTo4 && shape.length < 4 && size(shape) > 1) shape = [...new Array<number>(4 - shape.length).fill(1), ...shape];
    if (permuted && shape.length === 4) {
      data = transposeData(data, shape, NCHW_TO_NHWC);
      shape = NCHW_TO_NHWC.map((p) => shape[p]);
    }
    const idx = addTensor(this.model, { name: permuted ? `${name}/nhwc` : name, type: v.kind, shape, data: constBytes({ ...v, shape, data }) });
    this.constCache.set(key, idx);
    return idx;
  }
  int32(name: string, shape: number[], values: number[]): number {
    return addTensor(this.model, int32Const(name, shape, values));
  }

  /** Records that ONNX tensor `name` lives in TFLite tensor `index`. */
  define(name: string, index: number, permuted = false, shape?: number[]): void {
    this.vals.set(name, { index, shape: shape ?? this.shape(name), permuted });
    for (const a of this.pendingAliases.get(name) ?? []) this.define(a, index, permuted);
  }

  /** Tensors to be defined as `alias` of `target` once `target` is (a fused node's output that equals another's). */
  private readonly pendingAliases = new Map<string, string[]>();
  aliasWhenDefined(alias: string, target: string): void {
    this.pendingAliases.set(target, [...(this.pendingAliases.get(target) ?? []), alias]);
  }

  /** An activation's value, UNSUPPORTED/INTERNAL when unknown. */
  val(name: string): TVal {
    const v = this.vals.get(name);
    if (v) return v;
    if (this.isConst(name)) return { index: this.constTensor(name), shape: this.constVal(name)!.shape, permuted: false };
    throw new EdgeLabError('INTERNAL', `tensor '${name}' used before it is defined`, this.file);
  }

  /** TFLite tensor holding `name` in its logical (ONNX) layout; a permuted tensor gets one TRANSPOSE (cached). */
  logical(name: string): number {
    const v = this.val(name);
    if (!v.permuted) return v.index;
    const hit = this.logicalCache.get(name);
    if (hit !== undefined) return hit;
    const out = this.activation(`${name}/nchw`, this.model.tensors[v.index].type, v.shape);
    this.op('TRANSPOSE', [v.index, this.int32(`${name}/nchw/perm`, [4], NHWC_TO_NCHW)], [out]);
    this.layoutTransposes++;
    this.logicalCache.set(name, out);
    return out;
  }

  /** TFLite tensor holding 4-D `name` as NHWC of its logical NCHW shape (a logical tensor gets one TRANSPOSE, cached). */
  nhwc(name: string): number {
    if (this.isConst(name) && !this.vals.has(name)) return this.constTensor(name, true);
    const v = this.val(name);
    if (v.permuted) return v.index;
    if (v.shape.length !== 4) throw new EdgeLabError('INTERNAL', `'${name}' is not 4-D`, this.file);
    const hit = this.nhwcCache.get(name);
    if (hit !== undefined) return hit;
    const out = this.activation(`${name}/nhwc`, this.model.tensors[v.index].type, storedShape(v.shape, true));
    this.op('TRANSPOSE', [v.index, this.int32(`${name}/nhwc/perm`, [4], NCHW_TO_NHWC)], [out]);
    this.layoutTransposes++;
    this.nhwcCache.set(name, out);
    return out;
  }

  op(op: string, inputs: number[], outputs: number[], options?: TfliteOptions): void {
    this.model.operators.push({ op, inputs, outputs, ...(options ? { options } : {}) });
  }

  /** The single consumer of `name` when it has exactly one and is not a graph output. */
  soleConsumer(name: string): onnx.INodeProto | undefined {
    const c = this.consumers.get(name) ?? [];
    return c.length === 1 && !this.graphOutputs.has(name) ? c[0] : undefined;
  }
}
