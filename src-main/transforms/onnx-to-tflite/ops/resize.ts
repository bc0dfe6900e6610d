// Resize (opset 11+: X, roi, scales, sizes; the output size comes from the probe) over H, W of a 4-D NCHW tensor →
// RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR on the NHWC-stored input, output permuted. coordinate_transformation_mode:
// half_pixel (and pytorch_half_pixel for outputs > 1) → half_pixel_centers, align_corners → align_corners,
// asymmetric → neither. Nearest needs nearest_mode floor (asymmetric) or round_prefer_ceil (half_pixel, as TF's
// half_pixel_centers rounds); anything else is refused naming the node.
import { output, stringAttr, type OpEmitter } from './types';

const resize: OpEmitter = (cx, n) => {
  const x = n.input![0];
  const inShape = cx.shape(x);
  const outShape = cx.shape(n.output![0]);
  if (inShape.length !== 4 || inShape[0] !== outShape[0] || inShape[1] !== outShape[1]) cx.fail(n, 'only resizing H and W of a 4-D NCHW tensor is mapped');
  const mode = stringAttr(n, 'mode', 'nearest');
  const ctm = stringAttr(n, 'coordinate_transformation_mode', 'half_pixel');
  let align = false;
  let half = false;
  if (ctm === 'align_corners') align = true;
  else if (ctm === 'half_pixel' || (ctm === 'pytorch_half_pixel' && outShape[2] > 1 && outShape[3] > 1)) half = true;
  else if (ctm === 'tf_half_pixel_for_nn' && mode === 'nearest') half = true;
  else if (ctm !== 'asymmetric') cx.fail(n, `coordinate_transformation_mode '${ctm}' has no TFLite equivalent`);
  let op = 'RESIZE_BILINEAR';
  if (mode === 'nearest') {
    op = 'RESIZE_NEAREST_NEIGHBOR';
    const nm = stringAttr(n, 'nearest_mode', 'round_prefer_floor');
    const ok = (ctm === 'asymmetric' && nm === 'floor') || (ctm === 'tf_half_pixel_for_nn' && nm === 'floor') || (half && nm === 'round_prefer_ceil') || (align && nm === 'round_prefer_ceil');
    if (!ok) cx.fail(n, `nearest_mode '${nm}' with '${ctm}' differs from TFLite's nearest neighbour`);
  } else if (mode !== 'linear') cx.fail(n, `mode '${mode}' has no TFLite resize`);
  const input = cx.nhwc(x);
  const size = cx.int32(`${n.output![0]}/size`, [2], [outShape[2], outShape[3]]);
  cx.op(op, [input, size], [output(cx, n.output![0], true)], { align_corners: align, half_pixel_centers: half });
};

export const resizeOps: Record<string, OpEmitter> = { Resize: resize };
