// Metadata of an Ultralytics ONNX export, read from its `metadata_props` when the model has no sidecar:
// `names` (a Python dict literal {0: 'person', 1: 'bicycle', …}), `imgsz` ([h, w]), `stride`, `task`.
// Ultralytics feeds NCHW RGB float32 in [0, 1], letterboxed to imgsz with pad 114 (0..255 units). The decoder is
// yolo-v8 ([1, 4+C, N], what YOLOv8/v9/v11 export), or yolo-v5 when the output is [1, N, 5+C] with C = names.
// Only detection exports (task "detect", or no task with names + stride as YOLOv5 writes) are recognised.
import type { onnx } from 'onnx-proto';
import type { ModelMeta } from '../../src-shared/types/model';
import { num } from '../formats/onnx/codec';

/** Class names of a Python dict literal {0: 'a', 1: "b's"} (index = key), or undefined when it is not one. */
export function parsePythonNames(text: string): string[] | undefined {
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) return undefined;
  const out: string[] = [];
  const re = /\s*(\d+)\s*:\s*('((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/y;
  const inner = body.slice(1, -1);
  re.lastIndex = 0;
  while (re.lastIndex < inner.length) {
    const m = re.exec(inner);
    if (!m) return inner.slice(re.lastIndex).trim() === '' ? out : undefined;
    const raw = m[3] ?? m[4] ?? '';
    out[Number(m[1])] = raw.replace(/\\(.)/g, '$1');
    if (m[5] === '') break;
  }
  return Array.from(out, (v) => v ?? '');
}

function staticDims(v: onnx.IValueInfoProto | undefined): number[] {
  return (v?.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue !== null && d.dimValue !== undefined ? num(d.dimValue) : -1));
}

/** ModelMeta for an Ultralytics detection export, or undefined when `model` carries no such metadata. */
export function ultralyticsMeta(model: onnx.IModelProto): ModelMeta | undefined {
  const props = new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  const names = props.has('names') ? parsePythonNames(props.get('names')!) : undefined;
  const task = props.get('task');
  if (!names?.length || (task !== undefined && task !== 'detect') || (task === undefined && !props.has('stride'))) return undefined;
  const g = model.graph;
  const input = g?.input?.find((i) => !(g.initializer ?? []).some((t) => t.name === i.name));
  const inDims = staticDims(input);
  let hw: number[] | undefined;
  try {
    const v: unknown = JSON.parse(props.get('imgsz') ?? 'null');
    if (Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x) && x > 0)) hw = v as number[];
    else if (Number.isInteger(v) && (v as number) > 0) hw = [v as number, v as number];
  } catch {
    hw = undefined;
  }
  hw ??= inDims.length === 4 && inDims[2] > 0 && inDims[3] > 0 ? [inDims[2], inDims[3]] : [640, 640];
  const out = staticDims(g?.output?.[0]);
  const v5 = out.length === 3 && out[2] === 5 + names.length && out[1] > out[2];
  return {
    task: 'detector',
    input: { ...(input?.name ? { name: input.name } : {}), width: hw[1], height: hw[0], layout: 'NCHW', dtype: 'float32', range: [0, 1], resize: 'letterbox', channels: 'RGB', padValue: 114 },
    decoder: { kind: v5 ? 'yolo-v5' : 'yolo-v8', params: { classes: names.length } },
    labels: names,
  };
}
