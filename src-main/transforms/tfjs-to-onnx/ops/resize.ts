// ResizeBilinear / ResizeNearestNeighbor → ONNX Resize (opset 13) on NCHW with per-op Transposes and the
// output size from the (constant) size input. TF's coordinate flags → coordinate_transformation_mode:
//   align_corners                → 'align_corners'   (nearest: round half up → nearest_mode round_prefer_ceil)
//   half_pixel_centers, bilinear → 'half_pixel'
//   half_pixel_centers, nearest  → 'tf_half_pixel_for_nn' (floor((x + 0.5)·scale)), nearest_mode floor
//   neither                      → 'asymmetric'      (x·scale; nearest: floor)
import { attrBool } from '../attrs';
import { numbers, toNchw, toNhwc, type OpConverter } from './types';

function resize(mode: 'linear' | 'nearest'): OpConverter {
  return (cx) => {
    const s = cx.inShape(0);
    if (s.length !== 4) cx.fail(`input must be 4-D NHWC, is [${s}]`);
    const size = numbers(cx.constant(1, 'output size'));
    if (size.length !== 2) cx.fail(`size must have 2 values, has ${size.length}`);
    const alignCorners = attrBool(cx.node, 'align_corners', false);
    const halfPixel = attrBool(cx.node, 'half_pixel_centers', false);
    if (alignCorners && halfPixel) cx.fail('align_corners together with half_pixel_centers');
    let coord = 'asymmetric';
    if (alignCorners) coord = 'align_corners';
    else if (halfPixel) coord = mode === 'linear' ? 'half_pixel' : 'tf_half_pixel_for_nn';
    const attrs: Record<string, string> = { mode, coordinate_transformation_mode: coord };
    if (mode === 'nearest') attrs.nearest_mode = alignCorners ? 'round_prefer_ceil' : 'floor';
    const sizes = cx.b.int64([s[0], s[3], size[0], size[1]], `${cx.node.name}/sizes`);
    const y = cx.b.tmp('Resize', [toNchw(cx, cx.input(0)), '', '', sizes], `${cx.node.name}/resize_nchw`, attrs);
    toNhwc(cx, y, cx.output());
  };
}

export const resizeOps: Record<string, OpConverter> = {
  ResizeBilinear: resize('linear'),
  ResizeNearestNeighbor: resize('nearest'),
};
