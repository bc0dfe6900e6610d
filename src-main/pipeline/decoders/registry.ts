// Decoder registry: DecoderSpec.kind → factory. Adding a model family = one file + one line here.
import { EdgeLabError } from '../../../src-shared/protocol';
import type { DecoderSpec } from '../../../src-shared/types/model';
import { blazeface } from './blazeface';
import { centernetDetections } from './centernet-detections';
import { ssdPostprocessed } from './ssd-postprocessed';
import type { BoxDecoder, DecoderFactory } from './types';

export const DECODERS: Readonly<Record<string, DecoderFactory>> = {
  'ssd-postprocessed': ssdPostprocessed,
  'centernet-detections': centernetDetections,
  blazeface,
};

/** Decoder for `spec`; UNSUPPORTED for an unknown kind, BAD_INPUT for bad params. */
export function getDecoder(spec: DecoderSpec): BoxDecoder {
  const f = Object.prototype.hasOwnProperty.call(DECODERS, spec.kind) ? DECODERS[spec.kind] : undefined;
  if (!f) throw new EdgeLabError('UNSUPPORTED', `unknown decoder kind "${spec.kind}" (known: ${Object.keys(DECODERS).join(', ')})`);
  return f(spec.params ?? {});
}
