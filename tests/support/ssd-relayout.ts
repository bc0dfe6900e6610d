// Test helper (not a test): the bundled SSD ONNX (models/ssd-mobilenet-v2-coco-onnx) with nodes appended that
// re-encode its decoded outputs — scores [1, 1917, 90] (column j = COCO-90 id j+1), boxes [1, 1917, 1, 4] yxyx
// normalised — into another detector's output layout. A correct decoder for that layout must then reproduce the
// SSD's own detections (ssd-postprocessed + NMS) on the same frame. Layouts:
//  - yolo-v8 / yolo-v8t: [1, 4+91, 1917] / [1, 1917, 4+91]: cx, cy, w, h in input pixels (300), then 91 class
//    scores with a zero column 0 (background), so the class column is the COCO-90 id;
//  - detr: [1, 1917, 4+91] as RT-DETR exports it: cx, cy, w, h normalised 0..1, then the 91 class scores;
//  - yolo-v5: [1, 1917, 5+91]: cx, cy, w, h px, objectness = best score, class scores = scores / objectness;
//  - nms-split / nms-split-batch: NonMaxSuppression in the graph (per-class, on each anchor's best class only,
//    IoU 0.5, score > 0.3): boxes [K, 4] yxyx normalised, scores [K], classes [K] int64 (0-based), count [1] int64;
//    the batch form: [1, K, 4] xyxy in pixels, [1, K], [1, K];
//  - nms-packed: one [1, K, 6] x1, y1, x2, y2 (pixels), score, class (COCO-90 id), as Ultralytics end2end;
//  - raw-ssd / raw-ssd-xywh: the SSD's own raw head before its Postprocessor — box encodings `encodings`
//    [1, N, 4] (ty, tx, th, tw; the xywh form reorders them tx, ty, tw, th) and class logits `logits` [1, N, 91] (column 0
//    background); its anchors are ssdGraphAnchors().
// `input` replaces the SSD's NHWC float 0..255 input by nodes undoing another input convention (graph input
// "images"): 'nchw01' (Ultralytics: NCHW RGB float 0..1), 'torchvision' (NCHW, range [0,1] then ImageNet
// mean/std, TORCHVISION below), 'uint8' (NHWC uint8 0..255).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { onnx } from 'onnx-proto';
import { decodeFloat16 } from '../../src-main/formats/half';
import { decodeOnnx, encodeOnnx, onnxPb } from '../../src-main/formats/onnx/codec';

export const SSD_ONNX = join(import.meta.dirname, '..', '..', 'models', 'ssd-mobilenet-v2-coco-onnx', 'model.onnx');
export const SSD_INPUT = 'Preprocessor/map/TensorArrayStack/TensorArrayGatherV3';
export const N = 1917;
export const SIZE = 300;

export type InputKind = 'nchw01' | 'torchvision' | 'uint8';
export const TORCHVISION = { mean: [0.485, 0.456, 0.406] as [number, number, number], std: [0.229, 0.224, 0.225] as [number, number, number] };

export type Layout = 'yolo-v8' | 'yolo-v8t' | 'detr' | 'yolo-v5' | 'nms-split' | 'nms-split-batch' | 'nms-packed' | 'raw-ssd' | 'raw-ssd-xywh';

/** The SSD graph's own anchors (float16 constants of its Postprocessor/Decode), rows [yc, xc, h, w]. */
export function ssdGraphAnchors(): number[][] {
  const m = decodeOnnx(readFileSync(SSD_ONNX), SSD_ONNX);
  const get = (n: string) => {
    const t = m.graph!.initializer!.find((i) => i.name === `Postprocessor/Decode/get_center_coordinates_and_sizes/${n}__fp16`)!;
    const raw = t.rawData!;
    return decodeFloat16(new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
  };
  const [yc, xc, h, w] = ['add', 'add_1', 'sub_1', 'sub'].map(get);
  return Array.from({ length: N }, (_, i) => [yc[i], xc[i], h[i], w[i]]);
}

const FLOAT = 1;
const INT64 = 7;

interface Builder {
  node(op: string, inputs: string[], attrs?: Record<string, number | number[]>): string;
  constF(dims: number[], values: number[] | Float32Array): string;
  constI(values: number[]): string;
}

function builder(nodes: onnx.INodeProto[], inits: onnx.ITensorProto[]): Builder {
  let k = 0;
  const name = (base: string) => `relayout/${base}_${k++}`;
  return {
    node(op, inputs, attrs = {}) {
      const out = name(op);
      const attribute = Object.entries(attrs).map(([n, v]) =>
        Array.isArray(v) ? onnxPb.AttributeProto.create({ name: n, type: 7, ints: v }) : Number.isInteger(v) ? onnxPb.AttributeProto.create({ name: n, type: 2, i: v }) : onnxPb.AttributeProto.create({ name: n, type: 1, f: v }),
      );
      nodes.push(onnxPb.NodeProto.create({ name: out, opType: op, input: inputs, output: [out], attribute }));
      return out;
    },
    constF(dims, values) {
      const n = name('c');
      inits.push(onnxPb.TensorProto.create({ name: n, dataType: FLOAT, dims, floatData: Array.from(values) }));
      return n;
    },
    constI(values) {
      const n = name('i');
      inits.push(onnxPb.TensorProto.create({ name: n, dataType: INT64, dims: [values.length], int64Data: values }));
      return n;
    },
  };
}

/** Bytes of the SSD ONNX with its outputs re-encoded as `layout`; outputs are named as listed in OUTPUTS. */
export function ssdAs(layout: Layout, input?: InputKind, metadata?: Record<string, string>): Uint8Array {
  const m = decodeOnnx(readFileSync(SSD_ONNX), SSD_ONNX);
  const g = m.graph!;
  const nodes = g.node!;
  const inits = g.initializer!;
  const b = builder(nodes, inits);
  const scores = 'Postprocessor/Slice'; // [1, N, 90]
  const boxes = b.node('Reshape', ['Postprocessor/ExpandDims_1', b.constI([1, N, 4])]); // [1, N, 4] yxyx
  const col = (i: number) => b.node('Slice', [boxes, b.constI([i]), b.constI([i + 1]), b.constI([2])]); // [1, N, 1]
  const [y1, x1, y2, x2] = [0, 1, 2, 3].map(col);
  const half = b.constF([], [SIZE / 2]);
  const full = b.constF([], [SIZE]);
  const cx = b.node('Mul', [b.node('Add', [x1, x2]), half]);
  const cy = b.node('Mul', [b.node('Add', [y1, y2]), half]);
  const w = b.node('Mul', [b.node('Sub', [x2, x1]), full]);
  const h = b.node('Mul', [b.node('Sub', [y2, y1]), full]);
  const zero = b.constF([1, N, 1], new Float32Array(N));
  const outs: { name: string; type: number; dims?: (number | string)[] }[] = [];
  /** Graph output `as` = tensor `from`, with its dims (a string is a dynamic dim) when given. */
  const output = (from: string, as: string, type = FLOAT, dims?: (number | string)[]) => {
    nodes.push(onnxPb.NodeProto.create({ name: `relayout/out_${as}`, opType: 'Identity', input: [from], output: [as] }));
    outs.push({ name: as, type, dims });
  };
  if (layout === 'detr') {
    const h1 = b.constF([], [0.5]);
    const [ncx, ncy] = [b.node('Mul', [b.node('Add', [x1, x2]), h1]), b.node('Mul', [b.node('Add', [y1, y2]), h1])];
    const [nw, nh] = [b.node('Sub', [x2, x1]), b.node('Sub', [y2, y1])];
    output(b.node('Concat', [ncx, ncy, nw, nh, zero, scores], { axis: 2 }), 'output0', FLOAT, [1, N, 95]);
  } else if (layout === 'raw-ssd' || layout === 'raw-ssd-xywh') {
    output(layout === 'raw-ssd' ? 'Squeeze' : b.node('Gather', ['Squeeze', b.constI([1, 0, 3, 2])], { axis: 2 }), 'encodings', FLOAT, [1, N, 4]);
    output('concat_1', 'logits', FLOAT, [1, N, 91]);
  } else if (layout === 'yolo-v8' || layout === 'yolo-v8t') {
    const rows = b.node('Concat', [cx, cy, w, h, zero, scores], { axis: 2 }); // [1, N, 95]
    output(layout === 'yolo-v8' ? b.node('Transpose', [rows], { perm: [0, 2, 1] }) : rows, 'output0', FLOAT, layout === 'yolo-v8' ? [1, 95, N] : [1, N, 95]);
  } else if (layout === 'yolo-v5') {
    const obj = b.node('ReduceMax', [scores], { axes: [2], keepdims: 1 }); // [1, N, 1]
    const cls = b.node('Div', [scores, b.node('Max', [obj, b.constF([], [1e-30])])]);
    output(b.node('Concat', [cx, cy, w, h, obj, zero, cls], { axis: 2 }), 'output0', FLOAT, [1, N, 96]);
  } else {
    // NMS on each anchor's best class only (as ssd-postprocessed takes the argmax), scores [1, 90, N].
    const best = b.node('ReduceMax', [scores], { axes: [2], keepdims: 1 });
    const only = b.node('Mul', [scores, b.node('Cast', [b.node('Equal', [scores, best])], { to: FLOAT })]);
    const perClass = b.node('Transpose', [only], { perm: [0, 2, 1] });
    const sel = b.node('NonMaxSuppression', [boxes, perClass, b.constI([100]), b.constF([1], [0.5]), b.constF([1], [0.3])]); // [K, 3]
    const cls = b.node('Gather', [sel, b.constI([1])], { axis: 1 }); // [K, 1]
    const box = b.node('Gather', [sel, b.constI([2])], { axis: 1 });
    const clsK = b.node('Squeeze', [cls, b.constI([1])]); // [K]
    const boxK = b.node('Squeeze', [box, b.constI([1])]);
    const boxes2 = b.node('Squeeze', [boxes, b.constI([0])]); // [N, 4]
    const selBoxes = b.node('Gather', [boxes2, boxK], { axis: 0 }); // [K, 4] yxyx
    const flat = b.node('Reshape', [perClass, b.constI([-1])]); // [90·N]
    const selScores = b.node('Gather', [flat, b.node('Add', [b.node('Mul', [clsK, b.constI([N])]), boxK])], { axis: 0 }); // [K]
    if (layout === 'nms-split') {
      output(selBoxes, 'boxes', FLOAT, ['K', 4]);
      output(selScores, 'scores', FLOAT, ['K']);
      output(clsK, 'classes', INT64, ['K']);
      output(b.node('Shape', [boxK]), 'count', INT64, [1]);
    } else {
      const xyxyPx = b.node('Mul', [b.node('Gather', [selBoxes, b.constI([1, 0, 3, 2])], { axis: 1 }), full]); // [K, 4]
      const un = (t: string) => b.node('Unsqueeze', [t, b.constI([0])]);
      if (layout === 'nms-split-batch') {
        output(un(xyxyPx), 'boxes');
        output(un(selScores), 'scores');
        output(un(clsK), 'classes', INT64);
      } else {
        const id = b.node('Add', [b.node('Cast', [clsK], { to: FLOAT }), b.constF([], [1])]); // COCO-90 id
        const colOf = (t: string) => b.node('Unsqueeze', [t, b.constI([1])]); // [K, 1]
        output(un(b.node('Concat', [xyxyPx, colOf(selScores), colOf(id)], { axis: 1 })), 'output0', FLOAT, [1, 'K', 6]);
      }
    }
  }
  if (input) {
    // prepended nodes: "images" → the SSD's input (NHWC float 0..255)
    const pre: onnx.INodeProto[] = [];
    const p = builder(pre, inits);
    let x = 'images';
    if (input === 'uint8') x = p.node('Cast', [x], { to: FLOAT });
    else {
      if (input === 'torchvision') x = p.node('Add', [p.node('Mul', [x, p.constF([1, 3, 1, 1], TORCHVISION.std)]), p.constF([1, 3, 1, 1], TORCHVISION.mean)]);
      x = p.node('Transpose', [p.node('Mul', [x, p.constF([], [255])])], { perm: [0, 2, 3, 1] });
    }
    pre.push(onnxPb.NodeProto.create({ name: 'relayout/in', opType: 'Identity', input: [x], output: [SSD_INPUT] }));
    g.node = [...pre, ...nodes];
    const dims = input === 'uint8' ? [1, SIZE, SIZE, 3] : [1, 3, SIZE, SIZE];
    const shape = onnxPb.TensorShapeProto.create({ dim: dims.map((d) => onnxPb.TensorShapeProto.Dimension.create({ dimValue: d })) });
    g.input = [onnxPb.ValueInfoProto.create({ name: 'images', type: onnxPb.TypeProto.create({ tensorType: onnxPb.TypeProto.Tensor.create({ elemType: input === 'uint8' ? 2 : FLOAT, shape }) }) })];
  }
  if (metadata) m.metadataProps = Object.entries(metadata).map(([key, value]) => onnxPb.StringStringEntryProto.create({ key, value }));
  const shapeOf = (dims: (number | string)[]) =>
    onnxPb.TensorShapeProto.create({ dim: dims.map((d) => onnxPb.TensorShapeProto.Dimension.create(typeof d === 'number' ? { dimValue: d } : { dimParam: d })) });
  g.output = outs.map((o) =>
    onnxPb.ValueInfoProto.create({ name: o.name, type: onnxPb.TypeProto.create({ tensorType: onnxPb.TypeProto.Tensor.create({ elemType: o.type, ...(o.dims ? { shape: shapeOf(o.dims) } : {}) }) }) }),
  );
  return encodeOnnx(m);
}
