// TF.js graph-model reader: model.json (`format: graph-model`, or the older layout with only
// modelTopology + weightsManifest) plus its shards. Reads model.json fully and only stats the shards.
// `match` is cheap (file name, first bytes); dtypes come from the one TF dtype table (dtypes.ts).
import { promises as fs } from 'node:fs';
import type { InspectResult, QuantParams, TensorInfo } from '../../../src-shared/types/model';
import type { ModelReader } from '../types';
import { EdgeLabError } from '../../../src-shared/protocol';
import { nodesOnCycle } from '../../models/graph-cycle';
import { checkShards, elementCount, readModelJson, storedDtype, type TfNode } from './manifest';
import { tfjsDtypeOf } from './dtypes';
import { inputNode } from './graph';

/** The dtype TF.js gives a tensor of TF DataType `t` (the one TF dtype table, dtypes.ts). */
function tfDtype(t: unknown): string {
  return tfjsDtypeOf(t);
}

interface TfShape {
  dim?: { size?: string | number }[];
  unknownRank?: boolean;
}

/** TensorShapeProto → number[] (-1 = dynamic). Unknown rank → [] (the rank cannot be known without running). */
function tfShape(s: TfShape | undefined): number[] {
  if (!s || s.unknownRank || !s.dim) return [];
  return s.dim.map((d) => Number(d.size ?? -1));
}

interface SigEntry {
  name?: string;
  dtype?: string | number;
  tensorShape?: TfShape;
}

function fromSignature(entries: Record<string, SigEntry> | undefined): TensorInfo[] | undefined {
  if (!entries || typeof entries !== 'object' || Object.keys(entries).length === 0) return undefined;
  return Object.entries(entries).map(([key, e]) => ({ name: e.name ?? key, shape: tfShape(e.tensorShape), dtype: tfDtype(e.dtype) }));
}

/** Graph nodes, including those inside library functions (control-flow v2 bodies). */
function allNodes(nodes: TfNode[], library: unknown): TfNode[] {
  const fns = (library as { function?: { nodeDef?: TfNode[] }[] } | undefined)?.function ?? [];
  return [...nodes, ...fns.flatMap((f) => f.nodeDef ?? [])];
}

function placeholderInfo(n: TfNode): TensorInfo {
  return { name: n.name, shape: tfShape(n.attr?.shape?.shape), dtype: tfDtype(n.attr?.dtype?.type) };
}

/** A sink node's output 0: dtype from T/dtype/out_type attrs; shape from `_output_shapes` when recorded. */
function sinkInfo(n: TfNode): TensorInfo {
  const a = n.attr ?? {};
  const t = a.T?.type ?? a.dtype?.type ?? a.out_type?.type ?? a.DstT?.type;
  const shapes = a._output_shapes?.list?.shape as TfShape[] | undefined;
  return { name: n.name, shape: tfShape(shapes?.[0]), dtype: t === undefined ? 'unknown' : tfDtype(t) };
}

/** Ops that are not computation: counted out of the `ops` histogram (weights and feeds). */
const NON_COMPUTE_OPS = new Set(['Const', 'Placeholder']);

/** TF graphs loop only through NextIteration (a while loop's back edge); any other cycle can never run. */
function checkAcyclic(nodes: TfNode[], file: string): void {
  const graph = nodes.map((n) => ({ name: n.name, producers: n.op === 'NextIteration' ? [] : (n.input ?? []).map(inputNode) }));
  // The back edge enters Merge from NextIteration; cutting NextIteration's own inputs breaks every legal loop.
  const cyc = nodesOnCycle(graph);
  if (cyc.length > 0) throw new EdgeLabError('BAD_INPUT', `the graph has a cycle through nodes ${cyc.map((c) => `'${c}'`).join(', ')}: it can never run`, file);
}

export const tfjsReader: ModelReader = {
  format: 'tfjs-graph',

  match(head: Uint8Array, path: string): boolean {
    const lower = path.toLowerCase();
    if (!lower.endsWith('.json') || lower.endsWith('.edgelab.json')) return false;
    if (lower.endsWith('model.json')) return true;
    const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
    return /"(modelTopology|weightsManifest)"/.test(text) || /"format"\s*:\s*"graph-model"/.test(text);
  },

  async inspect(path: string): Promise<InspectResult> {
    const m = await readModelJson(path);
    const sizes = await checkShards(m);
    const { json } = m;
    const topNodes = json.modelTopology.node ?? [];
    const nodes = allNodes(topNodes, json.modelTopology.library);

    // `ops` counts computation nodes only; Const (weights) and Placeholder (feeds) are left out —
    // weights are described by `parameters`/`weightDtypes`, feeds by `inputs`.
    checkAcyclic(topNodes, m.mainFile);
    const ops: Record<string, number> = {};
    for (const n of nodes) if (!NON_COMPUTE_OPS.has(n.op)) ops[n.op] = (ops[n.op] ?? 0) + 1;

    const sig = json.signature as { inputs?: Record<string, SigEntry>; outputs?: Record<string, SigEntry> } | undefined;
    const inputs = fromSignature(sig?.inputs) ?? topNodes.filter((n) => n.op === 'Placeholder').map(placeholderInfo);
    let outputs = fromSignature(sig?.outputs);
    if (!outputs) {
      const consumed = new Set(topNodes.flatMap((n) => (n.input ?? []).map(inputNode)));
      outputs = topNodes.filter((n) => !consumed.has(n.name) && !NON_COMPUTE_OPS.has(n.op) && n.op !== 'NoOp').map(sinkInfo);
    }

    let parameters = 0;
    const weightDtypes: Record<string, number> = {};
    const weightTensors: Record<string, number> = {};
    const quantization: QuantParams[] = [];
    const weightSize = new Map<string, number>();
    for (const g of m.groups) {
      for (const w of g.weights) {
        const n = elementCount(w.shape);
        parameters += n;
        weightSize.set(w.name, n);
        const dt = storedDtype(w);
        weightDtypes[dt] = (weightDtypes[dt] ?? 0) + n;
        weightTensors[dt] = (weightTensors[dt] ?? 0) + 1;
        const q = w.quantization;
        if (q && (q.dtype === 'uint8' || q.dtype === 'uint16') && q.scale !== undefined && q.min !== undefined) {
          quantization.push({ tensor: w.name, dtype: q.dtype, scheme: 'affine', channels: 1, scale: [q.scale], min: q.min, scaleRange: [q.scale, q.scale], role: 'weight' });
        }
      }
    }
    // Weights are Const nodes named like their manifest entry; each counts once, for the first op reading it.
    const opParameters: Record<string, number> = {};
    const counted = new Set<string>();
    for (const n of nodes) {
      for (const ref of n.input ?? []) {
        const src = inputNode(ref);
        const size = weightSize.get(src);
        if (size === undefined || counted.has(src) || ref.startsWith('^')) continue;
        counted.add(src);
        opParameters[n.op] = (opParameters[n.op] ?? 0) + size;
      }
    }
    const { size: mainSize } = await fs.stat(m.mainFile);
    const sizeBytes = mainSize + sizes.reduce((a, b) => a + b, 0);
    return { format: 'tfjs-graph', inputs, outputs, ops, parameters, sizeBytes, files: [m.mainFile, ...m.shards], weightDtypes, weightTensors, opParameters, quantization };
  },
};
