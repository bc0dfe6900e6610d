// Elementwise ops. TF and ONNX broadcast the same way (numpy rules), so binary ops map 1:1; the
// differences are spelled out: Relu6 → Clip(0, 6); Rsqrt → Reciprocal(Sqrt); Square → Mul(x, x);
// SquaredDifference → (a−b)²; FloorDiv/FloorMod follow Python's floor semantics, which ONNX Div
// (truncating on integers) and Mod(fmod=0, integers only) do not give directly:
//   integers: FloorMod = Mod(fmod=0) (sign of divisor); FloorDiv = (a − FloorMod(a,b)) / b (exact division);
//   floats:   FloorDiv = Floor(a / b);  FloorMod = a − Floor(a / b)·b.
import { attrDtype, attrFloat } from '../attrs';
import { onnxType } from '../builder';
import type { OpConverter, OpCtx } from './types';

function binary(onnxOp: string): OpConverter {
  return (cx) => {
    cx.b.node(onnxOp, [cx.input(0), cx.input(1)], [cx.output()]);
  };
}

function unary(onnxOp: string, attrs: Record<string, number | { f: number }> = {}): OpConverter {
  return (cx) => {
    cx.b.node(onnxOp, [cx.input(0)], [cx.output()], attrs);
  };
}

function isInt(cx: OpCtx, i: number): boolean {
  return cx.inDtype(i) === 'int32' || cx.inDtype(i) === 'int64';
}

const floorMod: OpConverter = (cx) => {
  const [a, b] = [cx.input(0), cx.input(1)];
  if (isInt(cx, 0)) {
    cx.b.node('Mod', [a, b], [cx.output()], { fmod: 0 });
    return;
  }
  const q = cx.b.tmp('Floor', [cx.b.tmp('Div', [a, b], `${cx.node.name}/div`)], `${cx.node.name}/floor`);
  cx.b.node('Sub', [a, cx.b.tmp('Mul', [q, b], `${cx.node.name}/qb`)], [cx.output()]);
};

const floorDiv: OpConverter = (cx) => {
  const [a, b] = [cx.input(0), cx.input(1)];
  if (isInt(cx, 0)) {
    const m = cx.b.tmp('Mod', [a, b], `${cx.node.name}/mod`, { fmod: 0 });
    cx.b.node('Div', [cx.b.tmp('Sub', [a, m], `${cx.node.name}/a_minus_mod`), b], [cx.output()]);
    return;
  }
  cx.b.node('Floor', [cx.b.tmp('Div', [a, b], `${cx.node.name}/div`)], [cx.output()]);
};

const cast: OpConverter = (cx) => {
  const to = attrDtype(cx.node, 'DstT') ?? cx.outDtype();
  const code = onnxType(to) ?? cx.fail(`cast to ${to}`);
  cx.b.node('Cast', [cx.input(0)], [cx.output()], { to: code });
};

export const elementwiseOps: Record<string, OpConverter> = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Div: (cx) => (isInt(cx, 0) ? floorDiv(cx) : binary('Div')(cx)), // TF Div on ints floors
  DivNoNan: (cx) => cx.fail('DivNoNan (no ONNX equivalent without a Where on b == 0)'),
  Maximum: binary('Max'),
  Minimum: binary('Min'),
  Pow: binary('Pow'),
  FloorDiv: floorDiv,
  FloorMod: floorMod,
  Equal: binary('Equal'),
  Greater: binary('Greater'),
  GreaterEqual: binary('GreaterOrEqual'),
  Less: binary('Less'),
  LessEqual: binary('LessOrEqual'),
  LogicalAnd: binary('And'),
  LogicalOr: binary('Or'),
  LogicalNot: unary('Not'),
  NotEqual: (cx) => {
    cx.b.node('Not', [cx.b.tmp('Equal', [cx.input(0), cx.input(1)], `${cx.node.name}/eq`)], [cx.output()]);
  },
  SquaredDifference: (cx) => {
    const d = cx.b.tmp('Sub', [cx.input(0), cx.input(1)], `${cx.node.name}/diff`);
    cx.b.node('Mul', [d, d], [cx.output()]);
  },
  AddN: (cx) => {
    cx.b.node('Sum', Array.from({ length: cx.arity }, (_, i) => cx.input(i)), [cx.output()]);
  },
  Relu: unary('Relu'),
  Relu6: (cx) => {
    cx.b.node('Clip', [cx.input(0), cx.b.float([0], 'zero', true), cx.b.float([6], 'six', true)], [cx.output()]);
  },
  Elu: unary('Elu', { alpha: { f: 1 } }),
  Selu: unary('Selu', { alpha: { f: 1.6732632423543772 }, gamma: { f: 1.0507009873554805 } }),
  LeakyRelu: (cx) => unary('LeakyRelu', { alpha: { f: attrFloat(cx.node, 'alpha', 0.2) } })(cx),
  Sigmoid: unary('Sigmoid'),
  Tanh: unary('Tanh'),
  Softplus: unary('Softplus'),
  Exp: unary('Exp'),
  Log: unary('Log'),
  Sqrt: unary('Sqrt'),
  Rsqrt: (cx) => {
    cx.b.node('Reciprocal', [cx.b.tmp('Sqrt', [cx.input(0)], `${cx.node.name}/sqrt`)], [cx.output()]);
  },
  Reciprocal: unary('Reciprocal'),
  Square: (cx) => {
    const x = cx.input(0);
    cx.b.node('Mul', [x, x], [cx.output()]);
  },
  Neg: unary('Neg'),
  Abs: unary('Abs'),
  Floor: unary('Floor'),
  Ceil: unary('Ceil'),
  Round: unary('Round'), // both round half to even
  Sign: unary('Sign'),
  Erf: unary('Erf'),
  Sin: unary('Sin'),
  Cos: unary('Cos'),
  Identity: unary('Identity'),
  StopGradient: unary('Identity'),
  Cast: cast,
  Softmax: unary('Softmax', { axis: -1 }),
  LogSoftmax: unary('LogSoftmax', { axis: -1 }),
};
