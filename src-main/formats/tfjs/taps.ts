// TF.js taps: no model copy is needed — the stock GraphModel fetches any node by name (execute, or
// executeAsync for control-flow graphs; runtimes/tapped.ts runs it through the TF.js runtime). Tappable:
// top-level nodes that compute (not Const / Placeholder / NoOp / control-flow plumbing) and sit outside TF1
// while-loop frames — a node inside a loop has one value
// per iteration, which a single fetch cannot name. Nodes inside library functions (TF2 control flow) are
// not reachable by name either; TensorArray/TensorList ops hold handles and flows, not activations.
// Non-float results are dropped at run time (runtimes/tapped.ts).
import { EdgeLabError } from '../../../src-shared/protocol';
import type { TapInfo, Tapper } from '../types';
import { isTfFloatActivation } from './dtypes';
import { inputNode, loopDepths } from './graph';
import { readModelJson, type TfNode } from './manifest';

const NOT_TAPPED = new Set(['Const', 'Placeholder', 'PlaceholderWithDefault', 'NoOp', 'Enter', 'Exit', 'Merge', 'Switch', 'NextIteration', 'LoopCond', 'TensorArrayV3', 'Assert']);

function isFloatNode(n: TfNode): boolean {
  const a = n.attr ?? {};
  const t = a.T?.type ?? a.dtype?.type ?? a.DstT?.type ?? a.out_type?.type;
  return t === undefined || isTfFloatActivation(t);
}

export function tfjsTapList(nodes: TfNode[]): TapInfo[] {
  const depth = loopDepths(nodes);
  return nodes
    .filter((n) => !NOT_TAPPED.has(n.op) && !/^(TensorArray|TensorList)/.test(n.op) && (depth.get(n.name) ?? 0) === 0 && isFloatNode(n))
    .map((n) => ({ tensor: n.name, node: n.name, op: n.op, inputs: (n.input ?? []).filter((r) => !r.startsWith('^')).map(inputNode) }));
}

export const tfjsTapper: Tapper = {
  async plan(file, request) {
    const m = await readModelJson(file);
    const nodes = m.json.modelTopology.node ?? [];
    if (request === 'float-intermediates') return { taps: tfjsTapList(nodes) };
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const taps = [...new Set(request.tensors)].map((t) => {
      const n = byName.get(inputNode(t));
      if (!n) throw new EdgeLabError('BAD_INPUT', `no node named '${inputNode(t)}' in the model`, file);
      return { tensor: t, node: n.name, op: n.op, inputs: (n.input ?? []).filter((r) => !r.startsWith('^')).map(inputNode) };
    });
    return { taps };
  },
};
