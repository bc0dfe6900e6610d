// Test helper (not a test): a detector whose int8 variant collapses its scores. The bundled SSD re-encoded as a
// YOLOv8 export (tests/support/ssd-relayout.ts 'yolo-v8t' rows [1, N, 4+91]: cx, cy, w, h in input pixels, then the
// class scores) followed by a last MatMul layer (identity weights) and a Transpose to [1, 95, N] — so the scores
// (0..1) share one tensor, and one per-tensor int8 scale (≈ 300/255), with pixel coordinates (0..300).
import { decodeOnnx, encodeOnnx, onnxPb } from '../../src-main/formats/onnx/codec';
import { N, SSD_ONNX, ssdAs } from './ssd-relayout';

/** Name of the MatMul writing the packed output (what `--exclude` must name). */
export const HEAD = 'head/MatMul';
const C4 = 95; // 4 box values + 91 class columns

/** The model's bytes: ssdAs('yolo-v8t') [1, N, 95] rows → MatMul(rows, I95) → Transpose → output0 [1, 95, N]. */
export function collapseModel(): Uint8Array {
  const m = decodeOnnx(ssdAs('yolo-v8t'), SSD_ONNX);
  const g = m.graph!;
  const out = g.node!.find((n) => n.output?.[0] === 'output0')!;
  const rows = out.input![0];
  const eye = new Float32Array(C4 * C4);
  for (let i = 0; i < C4; i++) eye[i * C4 + i] = 1;
  g.initializer!.push(onnxPb.TensorProto.create({ name: 'head/eye', dataType: 1, dims: [C4, C4], floatData: Array.from(eye) }));
  g.node!.splice(g.node!.indexOf(out), 0,
    onnxPb.NodeProto.create({ name: HEAD, opType: 'MatMul', input: [rows, 'head/eye'], output: ['head/mixed'] }),
    onnxPb.NodeProto.create({ name: 'head/Transpose', opType: 'Transpose', input: ['head/mixed'], output: ['head/t'], attribute: [onnxPb.AttributeProto.create({ name: 'perm', type: 7, ints: [0, 2, 1] })] }));
  out.input = ['head/t'];
  const dim = (d: number) => onnxPb.TensorShapeProto.Dimension.create({ dimValue: d });
  g.output![0].type!.tensorType!.shape = onnxPb.TensorShapeProto.create({ dim: [dim(1), dim(C4), dim(N)] });
  return encodeOnnx(m);
}

/** Its sidecar (yolo-v8, `params: {}`, COCO-90 labels): the bundled SSD's input spec. */
export const collapseMeta = (input: unknown) => ({ task: 'detector', input, decoder: { kind: 'yolo-v8', params: {} }, labels: 'coco90' });
