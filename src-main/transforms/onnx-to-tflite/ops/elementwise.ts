// Elementwise ops: Add, Sub, Mul (or the hard_swish pattern starting there, hard-swish.ts), Div, Sum (→ ADD chain), Equal, Mod (→ FLOOR_MOD), Min/Max, and the unary
// Relu, Sigmoid (→ LOGISTIC), Exp, Clip (→ RELU6 / RELU / MINIMUM+MAXIMUM). They keep a permuted (NHWC-stored)
// layout: 4-D constants are permuted, lower-rank constants padded to rank 4 first (numpy broadcasting aligns
// right), so the broadcast stays right.
import { addTensor, float32Const } from '../../../formats/tflite/model-ir';
import { emitHardSwish } from './hard-swish';
import { clipBounds, intAttr, operand, output, permutedMode, type OpEmitter } from './types';

function binary(tfOp: string, withAct: boolean): OpEmitter {
  return (cx, n) => {
    const [a, b] = n.input ?? [];
    const p = permutedMode(cx, [a, b]);
    const ia = operand(cx, a, p);
    const ib = operand(cx, b, p);
    const out = output(cx, n.output![0], p);
    cx.op(tfOp, [ia, ib], [out], withAct ? { fused_activation_function: 'NONE' } : undefined);
  };
}

function unary(tfOp: string): OpEmitter {
  return (cx, n) => {
    const x = n.input![0];
    const p = cx.isPermuted(x);
    const ix = operand(cx, x, p);
    cx.op(tfOp, [ix], [output(cx, n.output![0], p)]);
  };
}

const sum: OpEmitter = (cx, n) => {
  const ins = (n.input ?? []).filter((x) => x);
  if (ins.length === 1) {
    const v = cx.val(ins[0]);
    cx.define(n.output![0], v.index, v.permuted);
    return;
  }
  const p = permutedMode(cx, ins);
  let acc = operand(cx, ins[0], p);
  for (let i = 1; i < ins.length; i++) {
    const last = i === ins.length - 1;
    const out = last ? output(cx, n.output![0], p) : cx.activation(`${n.output![0]}/partial_${i}`, 'float32', cx.model.tensors[acc].shape);
    cx.op('ADD', [acc, operand(cx, ins[i], p)], [out], { fused_activation_function: 'NONE' });
    acc = out;
  }
};

const clip: OpEmitter = (cx, n) => {
  const x = n.input![0];
  const p = cx.isPermuted(x);
  const ix = operand(cx, x, p);
  const [lo, hi] = clipBounds(cx, n);
  const name = n.output![0];
  if (lo === 0 && hi === 6) return cx.op('RELU6', [ix], [output(cx, name, p)]);
  if (lo === 0 && hi === Infinity) return cx.op('RELU', [ix], [output(cx, name, p)]);
  const shape = cx.model.tensors[ix].shape;
  let cur = ix;
  if (hi !== Infinity) {
    const o = lo === -Infinity ? output(cx, name, p) : cx.activation(`${name}/min`, 'float32', shape);
    cx.op('MINIMUM', [cur, addTensor(cx.model, float32Const(`${name}/max_value`, [], [hi]))], [o]);
    cur = o;
  }
  if (lo !== -Infinity) {
    cx.op('MAXIMUM', [cur, addTensor(cx.model, float32Const(`${name}/min_value`, [], [lo]))], [output(cx, name, p)]);
  }
  if (lo === -Infinity && hi === Infinity) {
    const v = cx.val(x);
    cx.define(name, v.index, v.permuted);
  }
};

const mod: OpEmitter = (cx, n) => {
  if (intAttr(n, 'fmod', 0) !== 0 && cx.kind(n.input![0]) !== 'int32') cx.fail(n, 'fmod=1 on floats (C fmod) has no TFLite op');
  binary('FLOOR_MOD', false)(cx, n);
};

const mul: OpEmitter = (cx, n) => {
  if (!emitHardSwish(cx, n)) binary('MUL', true)(cx, n);
};

export const elementwiseOps: Record<string, OpEmitter> = {
  Add: binary('ADD', true),
  Sub: binary('SUB', true),
  Mul: mul,
  Div: binary('DIV', true),
  Min: binary('MINIMUM', false),
  Max: binary('MAXIMUM', false),
  Equal: binary('EQUAL', false),
  Greater: binary('GREATER', false),
  Less: binary('LESS', false),
  Mod: mod,
  Sum: sum,
  Relu: unary('RELU'),
  Sigmoid: unary('LOGISTIC'),
  Exp: unary('EXP'),
  Tanh: unary('TANH'),
  Neg: unary('NEG'),
  Sqrt: unary('SQRT'),
  Clip: clip,
};
