// TF graph topology helpers shared by the TF.js reader, taps, runtime and transforms: input references,
// while-loop depth of each node, and whether the graph needs executeAsync. Pure: reads NodeDefs, changes nothing.
// Input references are 'name', 'name:k' (output k) or '^name' (control edge).
import type { TfNode } from './manifest';

/** 'name:1' / '^name' → 'name'. */
export function inputNode(ref: string): string {
  return ref.replace(/^\^/, '').split(':')[0];
}

/** Loop depth of each node: +1 through Enter, −1 through Exit; back edges (from NextIteration) ignored. */
export function loopDepths(nodes: TfNode[]): Map<string, number> {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    const n = byName.get(name);
    if (!n || visiting.has(name)) return 0;
    visiting.add(name);
    let d = 0;
    for (const ref of n.input ?? []) {
      const src = inputNode(ref);
      if (byName.get(src)?.op === 'NextIteration') continue;
      d = Math.max(d, visit(src));
    }
    if (n.op === 'Enter') d += 1;
    else if (n.op === 'Exit') d = Math.max(0, d - 1);
    visiting.delete(name);
    depth.set(name, d);
    return d;
  };
  // Iterative warm-up in input order keeps recursion shallow on long chains.
  for (const n of nodes) visit(n.name);
  return depth;
}

/**
 * Ops that make `GraphModel.execute` refuse the graph (control flow / dynamic shapes), per tfjs-converter's
 * model_analysis: such graphs need `executeAsync`.
 */
const ASYNC_OPS = new Set([
  'Enter', 'Exit', 'Merge', 'Switch', 'NextIteration', 'LoopCond', 'StatelessIf', 'If', 'StatelessWhile', 'While',
  'TensorArrayV3', 'TensorListReserve', 'NonMaxSuppressionV2', 'NonMaxSuppressionV3', 'NonMaxSuppressionV4',
  'NonMaxSuppressionV5', 'Where', 'ListDiff', 'Unique', 'UniqueV2', 'SparseToDense',
]);

/** True when the graph topology contains an op that needs executeAsync. */
export function needsAsync(topology: unknown): boolean {
  const t = topology as { node?: { op?: string }[]; library?: { function?: unknown[] } };
  if (t.library?.function?.length) return true;
  return (t.node ?? []).some((n) => n.op !== undefined && ASYNC_OPS.has(n.op));
}
