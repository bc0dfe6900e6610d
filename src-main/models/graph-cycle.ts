// Cycle check for model graphs (ONNX graphs must be DAGs; TF graphs may loop only through NextIteration).
// Kahn's algorithm over node → producer edges, O(nodes + edges). Hand-written: a few lines, and pulling a graph
// library into the model readers for one topological sort is not worth a dependency.

export interface GraphNode {
  name: string;
  /** Names of the nodes this node reads from (producers); unknown names (graph inputs, outer scope) are ignored. */
  producers: string[];
}

/** Names of the nodes left on a cycle (empty when the graph is acyclic), in input order, at most `limit`. */
export function nodesOnCycle(nodes: readonly GraphNode[], limit = 5): string[] {
  const known = new Set(nodes.map((n) => n.name));
  const indegree = new Map<string, number>();
  const consumers = new Map<string, string[]>();
  for (const n of nodes) {
    const ps = [...new Set(n.producers.filter((p) => known.has(p)))];
    indegree.set(n.name, (indegree.get(n.name) ?? 0) + ps.length);
    for (const p of ps) {
      const list = consumers.get(p);
      if (list) list.push(n.name);
      else consumers.set(p, [n.name]);
    }
  }
  const ready = nodes.filter((n) => indegree.get(n.name) === 0).map((n) => n.name);
  let seen = 0;
  while (ready.length > 0) {
    const n = ready.pop()!;
    seen++;
    for (const c of consumers.get(n) ?? []) {
      const d = indegree.get(c)! - 1;
      indegree.set(c, d);
      if (d === 0) ready.push(c);
    }
  }
  if (seen === indegree.size) return [];
  return nodes.filter((n) => (indegree.get(n.name) ?? 0) > 0).slice(0, limit).map((n) => n.name);
}
