// Decoder registry: DecoderSpec.kind → factory. Adding a model family = one file + one line here.
import { EdgeLabError } from '../../../src-shared/protocol';
import type { DecoderSpec, ModelMeta } from '../../../src-shared/types/model';
import { blazeface } from './blazeface';
import { centernetDetections } from './centernet-detections';
import { detections } from './detections';
import { ssdAnchors } from './ssd-anchors';
import { ssdPostprocessed } from './ssd-postprocessed';
import { yoloV5 } from './yolo-v5';
import { yoloV8 } from './yolo-v8';
import type { BoxDecoder, DecoderFactory, DecoderSetup } from './types';

export const DECODERS: Readonly<Record<string, DecoderFactory>> = {
  'ssd-postprocessed': ssdPostprocessed,
  'centernet-detections': centernetDetections,
  blazeface,
  'yolo-v8': yoloV8,
  'yolo-v5': yoloV5,
  detections,
  'ssd-anchors': ssdAnchors,
};

/** Decoder for `spec`; UNSUPPORTED for an unknown kind, BAD_INPUT for bad params. */
export function getDecoder(spec: DecoderSpec, setup: DecoderSetup = {}): BoxDecoder {
  const f = Object.prototype.hasOwnProperty.call(DECODERS, spec.kind) ? DECODERS[spec.kind] : undefined;
  if (!f) throw new EdgeLabError('UNSUPPORTED', `unknown decoder kind "${spec.kind}" (known: ${Object.keys(DECODERS).join(', ')})`);
  return f(spec.params ?? {}, setup);
}

/** Outputs a replay of `meta` fetches (`fetch` of LoadedModel.run; undefined = all): decoder's, embedding's. */
export function fetchFor(meta: ModelMeta): string[] | undefined {
  if (meta.decoder) {
    const outs = getDecoder(meta.decoder, { input: meta.input }).outputs;
    return outs.length ? outs : undefined;
  }
  return meta.embedding ? [meta.embedding.output] : undefined;
}
