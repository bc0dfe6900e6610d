// TF.js uint8 weight quantization (stock manifest format, per-tensor affine): see affine-tfjs.ts.
import { affineTfjsTransform } from './affine-tfjs';

export const uint8Tfjs = affineTfjsTransform('uint8');
