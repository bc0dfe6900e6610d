// TF.js graph model → ModelGraph (API `modelGraph`, the Graph view): the top-level NodeDefs but Const (weights,
// listed on the nodes reading them, shapes and stored dtypes from the weights manifest) and Placeholder (graph
// inputs); an edge per data input read from another node (control inputs `^x` left out). Library functions
// (TF2 control-flow bodies) are not drawn. Tensor names: `node` for output 0, `node:k` for output k.
import type { GraphEdge, GraphNode, GraphPort, GraphWeight, ModelGraph } from '../../../src-shared/types/graph';
import type { QuantParams } from '../../../src-shared/types/model';
import { tfjsDtypeOf } from './dtypes';
import { inputNode } from './graph';
import { readModelJson, storedDtype, type TfNode, type WeightEntry } from './manifest';

const LIST_SHOWN = 8;
const NOT_DRAWN = new Set(['Const', 'Placeholder']);
/** Attributes that carry no meaning for a reader of the graph. */
const HIDDEN_ATTRS = /^_|^T$/;

interface TfShapeProto {
  dim?: { size?: string | number }[];
  unknownRank?: boolean;
}

function shapeText(s: TfShapeProto | undefined): string {
  return s?.unknownRank ? '[?]' : `[${(s?.dim ?? []).map((d) => Number(d.size ?? -1)).join(', ')}]`;
}

function listText(xs: readonly unknown[]): string {
  return `[${xs.slice(0, LIST_SHOWN).map(String).join(', ')}${xs.length > LIST_SHOWN ? `, … (${xs.length})` : ''}]`;
}

/** A bytes attribute as text: base64 as the proto's JSON form writes it; some converters write the text itself. */
function base64Text(s: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
  } catch {
    return s;
  }
}

/** Short text of an AttrValue as tfjs-converter writes it (JSON of the proto: i, f, b, s base64, type, shape, list, tensor). */
export function tfAttrText(v: Record<string, unknown>): string {
  if (v.s !== undefined) return JSON.stringify(base64Text(String(v.s)));
  if (v.i !== undefined) return String(v.i);
  if (v.f !== undefined) return String(v.f);
  if (v.b !== undefined) return String(v.b);
  if (v.type !== undefined) return tfjsDtypeOf(v.type);
  if (v.shape !== undefined) return shapeText(v.shape as TfShapeProto);
  if (v.tensor !== undefined) {
    const t = v.tensor as { dtype?: string; tensorShape?: TfShapeProto };
    return `tensor ${tfjsDtypeOf(t.dtype)} ${shapeText(t.tensorShape)}`;
  }
  const l = v.list as Record<string, unknown[]> | undefined;
  if (l) {
    const [k, xs] = Object.entries(l).find(([, x]) => Array.isArray(x) && x.length > 0) ?? ['', []];
    if (k === 's') return listText(xs.map((x) => JSON.stringify(base64Text(String(x)))));
    if (k === 'type') return listText(xs.map(tfjsDtypeOf));
    if (k === 'shape') return listText(xs.map((x) => shapeText(x as TfShapeProto)));
    return listText(xs);
  }
  return '';
}

/** 'x:0' and 'x' name the same tensor. */
function tensorName(ref: string): string {
  return ref.endsWith(':0') ? ref.slice(0, -2) : ref;
}

function constWeight(n: TfNode, manifest: Map<string, WeightEntry>): GraphWeight {
  const w = manifest.get(n.name);
  if (w) return { name: n.name, shape: w.shape, dtype: storedDtype(w) };
  const t = (n.attr?.value as { tensor?: { dtype?: string; tensorShape?: TfShapeProto } } | undefined)?.tensor;
  return { name: n.name, shape: (t?.tensorShape?.dim ?? []).map((d) => Number(d.size ?? -1)), dtype: tfjsDtypeOf(t?.dtype ?? n.attr?.dtype?.type) };
}

function weightQuant(w: WeightEntry | undefined): QuantParams | undefined {
  const q = w?.quantization;
  if (!w || !q || (q.dtype !== 'uint8' && q.dtype !== 'uint16') || q.scale === undefined || q.min === undefined) return undefined;
  return { tensor: w.name, dtype: q.dtype, scheme: 'affine', channels: 1, scale: [q.scale], min: q.min, scaleRange: [q.scale, q.scale], role: 'weight' };
}

export async function readTfjsModelGraph(path: string): Promise<ModelGraph> {
  const m = await readModelJson(path);
  const all = m.json.modelTopology.node ?? [];
  const byName = new Map(all.map((n) => [n.name, n]));
  const manifest = new Map(m.groups.flatMap((g) => g.weights.map((w) => [w.name, w] as const)));
  const drawn = all.filter((n) => !NOT_DRAWN.has(n.op));
  const read = new Set(drawn.flatMap((n) => (n.input ?? []).filter((r) => !r.startsWith('^')).map(tensorName)));

  const edges: GraphEdge[] = [];
  const readers = new Map<string, string[]>();
  const nodes: GraphNode[] = drawn.map((n) => {
    const inputs = (n.input ?? []).filter((r) => !r.startsWith('^')).map(tensorName);
    const weights: GraphWeight[] = [];
    const quantization: QuantParams[] = [];
    for (const t of inputs) {
      const src = byName.get(inputNode(t));
      if (!src) continue;
      if (src.op === 'Const') {
        weights.push(constWeight(src, manifest));
        const q = weightQuant(manifest.get(src.name));
        if (q) quantization.push(q);
      } else if (src.op === 'Placeholder') readers.set(src.name, [...(readers.get(src.name) ?? []), n.name]);
      else edges.push({ tensor: t, from: src.name, to: n.name });
    }
    const outputs = [n.name, ...[...read].filter((t) => inputNode(t) === n.name && t !== n.name)];
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(n.attr ?? {})) if (!HIDDEN_ATTRS.test(k)) attributes[k] = tfAttrText(v as Record<string, unknown>);
    return { name: n.name, op: n.op, inputs, outputs, attributes, weights, ...(quantization.length ? { quantization } : {}) };
  });

  const sig = m.json.signature as { inputs?: Record<string, SigEntry>; outputs?: Record<string, SigEntry> } | undefined;
  const placeholders = all.filter((n) => n.op === 'Placeholder');
  const inputs: GraphPort[] = placeholders.map((n) => {
    const s = n.attr?.shape?.shape as TfShapeProto | undefined;
    return { name: n.name, shape: (s?.dim ?? []).map((d) => Number(d.size ?? -1)), dtype: tfjsDtypeOf(n.attr?.dtype?.type), nodes: [...new Set(readers.get(n.name) ?? [])] };
  });
  const drawnNames = new Set(drawn.map((n) => n.name));
  let outputs: GraphPort[];
  if (sig?.outputs && Object.keys(sig.outputs).length > 0) {
    outputs = Object.entries(sig.outputs).map(([key, e]) => {
      const name = tensorName(e.name ?? key);
      return { name, shape: (e.tensorShape?.dim ?? []).map((d) => Number(d.size ?? -1)), dtype: tfjsDtypeOf(e.dtype), nodes: drawnNames.has(inputNode(name)) ? [inputNode(name)] : [] };
    });
  } else {
    // Sinks: drawn nodes nothing reads (what the reader's inspect lists as outputs).
    const consumed = new Set(all.flatMap((n) => (n.input ?? []).map(inputNode)));
    outputs = drawn.filter((n) => !consumed.has(n.name) && n.op !== 'NoOp').map((n) => ({ name: n.name, shape: [], dtype: tfjsDtypeOf(n.attr?.T?.type ?? n.attr?.dtype?.type), nodes: [n.name] }));
  }
  return { model: m.mainFile, format: 'tfjs-graph', nodes, edges, inputs, outputs };
}

interface SigEntry {
  name?: string;
  dtype?: string;
  tensorShape?: TfShapeProto;
}
