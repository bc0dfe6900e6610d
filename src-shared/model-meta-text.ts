// The metadata a replay will use, in words (CLI `inspect` plain text and the Models view's Inspect panel):
// labelled lines ["metadata", "…"], or, without metadata, what to add and the decoder layouts that fit.
import type { InspectResult } from './types/model';
import { tfliteMetadataText } from './tflite-metadata-text';

/** [label, text] lines; continuation lines have label ''. */
export function metaText(r: Pick<InspectResult, 'meta' | 'decoderFits' | 'tfliteMetadata'>): [string, string][] {
  const m = r.meta;
  // what a .tflite's own TFLite Metadata says (the meta above may come from it, or from a sidecar that wins)
  const tfl: [string, string][] = r.tfliteMetadata ? [['tflite meta', tfliteMetadataText(r.tfliteMetadata)]] : [];
  if (!m) {
    const fits = r.decoderFits ?? [];
    return [...tfl, ['metadata', `none: add a sidecar <model>.edgelab.json (docs/models.md)${fits.length ? '; layouts that fit the outputs:' : ''}`], ...fits.map((f): [string, string] => ['', f])];
  }
  const i = m.input;
  const labels = Array.isArray(m.labels) ? `${m.labels.length} names` : (m.labels ?? 'none');
  // long lists (inline anchors) are shown as their length
  const params = (p: unknown) => JSON.stringify(p ?? {}, (_k, v: unknown) => (Array.isArray(v) && v.length > 8 ? `[${v.length} items]` : v));
  return [
    ['metadata', `${m.task}${m.decoder ? `, decoder ${m.decoder.kind} ${params(m.decoder.params)}` : ''}${m.embedding ? `, embedding ${m.embedding.output} (${m.embedding.dims})` : ''}, labels ${labels}`],
    [
      'input spec',
      `${i.name ?? '(first input)'} ${i.layout} ${i.dtype} ${i.width}×${i.height} ${i.channels} range [${i.range.join(', ')}] ${i.resize}${i.padValue !== undefined ? ` pad ${i.padValue}` : ''}${i.mean ? ` mean [${i.mean.join(', ')}]` : ''}${i.std ? ` std [${i.std.join(', ')}]` : ''}`,
    ],
    // a variant written by `convert --out`: what replay records as its model name and kind
    ...(m.lineage
      ? [['variant of', `${m.lineage.parent.name}${m.lineage.parent.id ? ` (${m.lineage.parent.id})` : ''} → ${m.lineage.kind}, parent sha256 ${m.lineage.parent.sha256.slice(0, 12)}…`] as [string, string]]
      : []),
    ...tfl,
  ];
}
