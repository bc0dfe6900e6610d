// TF.js uint16 weight quantization (stock manifest format, per-tensor affine): see affine-tfjs.ts.
import { affineTfjsTransform } from './affine-tfjs';

export const uint16Tfjs = affineTfjsTransform('uint16');
