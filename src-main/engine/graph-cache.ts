// The parsed graphs of the last few model files (API modelGraph): a file is read and parsed again only when its
// size or modification time changed, so re-opening a graph, or the float32 parent drawn beside each of its
// variants, costs a stat instead of a parse (an 8 MB ONNX decode: ~0.3 s). Entries are shared: read-only.
import { promises as fs } from 'node:fs';
import type { ModelGraph } from '../../src-shared/types/graph';

/** Files kept (a graph is ~1 MB of objects for a 500-node detector). */
export const GRAPH_CACHE_SIZE = 8;

const cache = new Map<string, { key: string; graph: Promise<ModelGraph> }>();

/** `read(file)` once per (file, size, mtime); a failed read is not kept. */
export async function cachedGraph(file: string, read: (file: string) => Promise<ModelGraph>): Promise<ModelGraph> {
  const st = await fs.stat(file).catch(() => null);
  if (!st) return read(file); // the reader names the error
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit && hit.key === key) {
    cache.delete(file); // most recently used last
    cache.set(file, hit);
    return hit.graph;
  }
  const graph = read(file);
  cache.set(file, { key, graph });
  graph.catch(() => cache.get(file)?.graph === graph && cache.delete(file));
  while (cache.size > GRAPH_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return graph;
}
