// ONNX reader: a .onnx file (or protobuf bytes that look like a ModelProto) decoded by codec.ts. `match` is
// cheap (extension or the first three bytes); `inspect` decodes fully and refuses cyclic graphs.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { InspectResult, TensorInfo } from '../../../src-shared/types/model';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { ModelReader } from '../types';
import type { onnx } from 'onnx-proto';
import { nodesOnCycle } from '../../models/graph-cycle';
import { decodeOnnx, MAX_DIM, num, tensorElements, walkGraphs } from './codec';
import { dtypeName } from './dtypes';
import { onnxInspectExtra } from './inspect-extra';

/** ModelProto field tags that may follow `ir_version` (field 1, varint) at offset 2 of a real model. */
const SECOND_FIELD_TAGS = new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72]);

function valueInfo(v: onnx.IValueInfoProto, file: string): TensorInfo {
  const tt = v.type?.tensorType;
  if (!tt) {
    const kind = v.type ? Object.keys(v.type).find((k) => k.endsWith('Type')) ?? 'unknown' : 'unknown';
    return { name: v.name ?? '', shape: [], dtype: kind.replace(/Type$/, '') };
  }
  const shape = (tt.shape?.dim ?? []).map((d) => {
    if (d.dimValue === null || d.dimValue === undefined || (d.dimParam && !num(d.dimValue))) return -1;
    const n = num(d.dimValue);
    if (!(n >= 0 && n <= MAX_DIM)) throw new EdgeLabError('BAD_INPUT', `'${v.name}' has absurd dimension ${n}`, file);
    return n;
  });
  return { name: v.name ?? '', shape, dtype: dtypeName(tt.elemType) };
}

/** ONNX graphs are DAGs (the spec requires nodes in topological order); a cycle can never run. */
function checkAcyclic(g: onnx.IGraphProto, file: string): void {
  const nodes = g.node ?? [];
  // Node keys: index-based, since node names are optional in ONNX.
  const producer = new Map<string, string>();
  nodes.forEach((n, i) => {
    for (const o of n.output ?? []) if (o) producer.set(o, `#${i}`);
  });
  const graph = nodes.map((n, i) => ({ name: `#${i}`, producers: (n.input ?? []).flatMap((x) => producer.get(x) ?? []) }));
  const cyc = nodesOnCycle(graph);
  if (cyc.length === 0) return;
  const label = (k: string) => {
    const n = nodes[Number(k.slice(1))]!;
    return `${n.name || '(unnamed)'} (${n.opType ?? '?'})`;
  };
  throw new EdgeLabError('BAD_INPUT', `the ONNX graph has a cycle through ${cyc.map(label).join(', ')}: it can never run`, file);
}

export const onnxReader: ModelReader = {
  format: 'onnx',

  match(head: Uint8Array, path: string): boolean {
    if (path.toLowerCase().endsWith('.onnx')) return true;
    // ModelProto starts with ir_version (tag 0x08, small varint) then another known field.
    return head.length >= 3 && head[0] === 0x08 && head[1] >= 1 && head[1] <= 0x20 && SECOND_FIELD_TAGS.has(head[2]);
  },

  async inspect(path: string): Promise<InspectResult> {
    const file = resolve(path);
    const bytes = await fs.readFile(file);
    const m = decodeOnnx(bytes, file);
    const g = m.graph!;
    const initNames = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
    const inputs = (g.input ?? []).filter((v) => !initNames.has(v.name ?? '')).map((v) => valueInfo(v, file));
    const outputs = (g.output ?? []).map((v) => valueInfo(v, file));

    // Every node counts, subgraph bodies included (Constant nodes are real ONNX ops and count too).
    const ops: Record<string, number> = {};
    walkGraphs(g, (sg) => {
      checkAcyclic(sg, file);
      for (const n of sg.node ?? []) {
        const op = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : (n.opType ?? '?');
        ops[op] = (ops[op] ?? 0) + 1;
      }
    });

    let parameters = 0;
    const weightDtypes: Record<string, number> = {};
    for (const t of g.initializer ?? []) {
      const n = tensorElements(t, file);
      parameters += n;
      const dt = dtypeName(t.dataType);
      weightDtypes[dt] = (weightDtypes[dt] ?? 0) + n;
    }
    return { format: 'onnx', inputs, outputs, ops, parameters, sizeBytes: bytes.length, files: [file], weightDtypes, ...onnxInspectExtra(g) };
  },
};
