// Static analysis of a TF.js graph before conversion: tensor references, topological order, which
// tensors are static (known at conversion time), and the sub-graph to convert — every dynamic node the
// outputs need, stopping at constants and at the chosen input tensors.
// Tensor keys: "node" for output 0, "node:k" for output k; "^node" inputs are control edges (ignored).
import { EdgeLabError } from '../../../src-shared/protocol';
import type { TfNode } from '../../formats/tfjs/manifest';
import { NEVER_FOLD, OP_CONVERTERS, SHAPE_QUERY_OPS, STRUCTURAL_OPS } from './ops/registry';

export function tensorKey(ref: string): string {
  return ref.endsWith(':0') ? ref.slice(0, -2) : ref;
}

export function nodeOf(key: string): string {
  const m = /^(.*):(\d+)$/.exec(key);
  return m ? m[1] : key;
}

export function dataInputs(n: TfNode): string[] {
  return (n.input ?? []).filter((r) => !r.startsWith('^')).map(tensorKey);
}

export interface GraphPlan {
  /** Nodes by name. */
  byName: Map<string, TfNode>;
  /** Dynamic nodes to convert, in topological order. */
  convert: TfNode[];
  /** Graph inputs of the ONNX model: Placeholder names reached, or cut tensors. */
  inputs: string[];
  outputs: string[];
  /** Static tensors read by converted nodes (become initializers). */
  constRefs: string[];
  /** Every tensor whose shape the converters may ask for (inputs and outputs of converted nodes). */
  probed: string[];
  /** With autoCut: the tensors where the plan stopped at unconvertible nodes, and those nodes' op counts. */
  autoCuts: string[];
  cutOps: Record<string, number>;
}

/** Node names in topological order (data and control edges); throws BAD_INPUT on a cycle outside loops. */
function topoOrder(nodes: TfNode[], file: string): TfNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const state = new Map<string, 1 | 2>();
  const out: TfNode[] = [];
  for (const root of nodes) {
    if (state.has(root.name)) continue;
    const stack: [TfNode, number][] = [[root, 0]];
    state.set(root.name, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      // Loops close through Merge ← NextIteration: that back edge is not an ordering constraint.
      const ins = (top[0].input ?? [])
        .map((r) => nodeOf(tensorKey(r.replace(/^\^/, ''))))
        .filter((d) => !(top[0].op === 'Merge' && byName.get(d)?.op === 'NextIteration'));
      if (top[1] < ins.length) {
        const dep = byName.get(ins[top[1]++]);
        if (!dep) continue;
        const s = state.get(dep.name);
        if (s === undefined) {
          state.set(dep.name, 1);
          stack.push([dep, 0]);
        } else if (s === 1) {
          throw new EdgeLabError('BAD_INPUT', `the graph has a cycle through node '${dep.name}'`, file);
        }
      } else {
        state.set(top[0].name, 2);
        out.push(top[0]);
        stack.pop();
      }
    }
  }
  return out;
}

/** Output tensors: the signature's outputs when present, else nodes nobody consumes (Const excluded). */
export function defaultOutputs(nodes: TfNode[], signature: unknown): string[] {
  const sig = (signature as { outputs?: Record<string, { name?: string }> } | undefined)?.outputs;
  if (sig && Object.keys(sig).length) return Object.values(sig).map((o) => tensorKey(o.name ?? ''));
  const used = new Set(nodes.flatMap((n) => (n.input ?? []).map((r) => nodeOf(tensorKey(r.replace(/^\^/, ''))))));
  return nodes.filter((n) => !used.has(n.name) && n.op !== 'Const' && n.op !== 'NoOp').map((n) => n.name);
}

/**
 * The sub-graph to convert. With `autoCut`, a dynamic input produced by an op without a converter becomes
 * a graph input instead of an error (the caller must then prove the part left out is what the pipeline
 * does itself, e.g. SSD's resize loop = EdgeLab's preprocess).
 */
export function planGraph(nodes: TfNode[], outputs: string[], cuts: string[], file: string, autoCut = false): GraphPlan {
  const order = topoOrder(nodes, file);
  const byName = new Map(order.map((n) => [n.name, n]));
  for (const t of [...outputs, ...cuts]) {
    if (!byName.has(nodeOf(t))) throw new EdgeLabError('BAD_INPUT', `no node '${nodeOf(t)}' in the graph (asked for tensor '${t}')`, file);
  }
  const isStatic = new Map<string, boolean>();
  for (const n of order) {
    const ins = dataInputs(n);
    let s: boolean;
    if (n.op === 'Const') s = true;
    else if (NEVER_FOLD.has(n.op)) s = false;
    else if (SHAPE_QUERY_OPS.has(n.op)) s = true;
    else s = ins.length > 0 && ins.every((t) => isStatic.get(nodeOf(t)) === true);
    isStatic.set(n.name, s);
  }
  const cutSet = new Set(cuts);
  const autoCuts: string[] = [];
  const convertible = (name: string) => {
    const n = byName.get(name) as TfNode;
    return OP_CONVERTERS[n.op] !== undefined || STRUCTURAL_OPS.has(n.op);
  };
  const selected = new Set<string>();
  const constRefs = new Set<string>();
  const inputs: string[] = [...cuts];
  const stack = outputs.filter((t) => !cutSet.has(t)).map(nodeOf);
  for (const t of outputs) if (isStatic.get(nodeOf(t))) throw new EdgeLabError('UNSUPPORTED', `output '${t}' is a constant; nothing to convert`, file);
  while (stack.length) {
    const name = stack.pop() as string;
    if (selected.has(name)) continue;
    selected.add(name);
    const n = byName.get(name) as TfNode;
    if (n.op === 'Placeholder' || n.op === 'PlaceholderWithDefault') {
      inputs.push(name);
      continue;
    }
    for (const t of dataInputs(n)) {
      if (cutSet.has(t)) continue;
      if (isStatic.get(nodeOf(t))) constRefs.add(t);
      else if (autoCut && !convertible(nodeOf(t))) {
        cutSet.add(t);
        autoCuts.push(t);
        inputs.push(t);
      } else stack.push(nodeOf(t));
    }
  }
  const convert = order.filter((n) => selected.has(n.name) && !STRUCTURAL_OPS.has(n.op));
  const missing = new Map<string, number>();
  for (const n of convert) if (!OP_CONVERTERS[n.op]) missing.set(n.op, (missing.get(n.op) ?? 0) + 1);
  if (missing.size) {
    const list = [...missing].sort((a, b) => b[1] - a[1]).map(([op, c]) => `${op} ×${c}`).join(', ');
    const loops = [...missing.keys()].some((op) => NEVER_FOLD.has(op));
    const hint = loops ? ' (control flow: start the graph after it with settings.inputAt=<tensor> and do that step in the pipeline)' : '';
    throw new EdgeLabError('UNSUPPORTED', `cannot convert: ${list}${hint}`, file);
  }
  const probed = new Set<string>();
  for (const n of convert) {
    for (const t of dataInputs(n)) probed.add(t);
    probed.add(n.name);
  }
  for (const t of [...outputs, ...cuts]) probed.add(t);
  // Multi-output nodes: every output a converted node or the graph reads.
  for (const n of convert) for (const t of dataInputs(n)) if (nodeOf(t) !== t) probed.add(t);
  // Op counts of what an auto cut leaves out: every dynamic node upstream of the cut tensors.
  const cutOps: Record<string, number> = {};
  const seen = new Set<string>();
  const up = autoCuts.map(nodeOf);
  while (up.length) {
    const name = up.pop() as string;
    if (seen.has(name) || selected.has(name)) continue;
    seen.add(name);
    const n = byName.get(name) as TfNode;
    if (isStatic.get(name) || STRUCTURAL_OPS.has(n.op)) continue;
    cutOps[n.op] = (cutOps[n.op] ?? 0) + 1;
    for (const r of n.input ?? []) up.push(nodeOf(tensorKey(r.replace(/^\^/, ''))));
  }
  return { byName, convert, inputs: [...new Set(inputs)], outputs, constRefs: [...constRefs], probed: [...probed], autoCuts, cutOps };
}
