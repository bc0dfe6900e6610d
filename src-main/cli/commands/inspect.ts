import type { Command } from 'commander';
import type { InspectResult } from '../../../src-shared/types/model';
import type { TfliteMetadataSummary } from '../../../src-shared/types/tflite-metadata';
import { metaText } from '../../../src-shared/model-meta-text';
import { formatBytes } from '../output';
import { runMethod } from '../run';
import { globals } from './args';

/** 'int8 per-channel ×74 (weight), uint8 per-tensor ×76 (activation)' */
function quantSummary(q: NonNullable<InspectResult['quantization']>): string {
  const groups = new Map<string, number>();
  for (const p of q) {
    const k = `${p.dtype} ${p.scheme} (${p.role})`;
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  return [...groups].map(([k, n]) => `${k.replace(' (', ` ×${n} (`)}`).join(', ');
}

/** One line of what a .tflite's TFLite Metadata says: input normalisation and size, associated files. */
function tfliteMetadataText(md: TfliteMetadataSummary): string {
  const i = md.inputs[0];
  const parts = [
    i?.mean && i.std ? `input mean [${i.mean}] std [${i.std}]` : 'input without NormalizationOptions',
    ...(i?.defaultSize ? [`${i.colorSpace ?? ''} ${i.defaultSize.width}×${i.defaultSize.height}`.trim()] : []),
    ...md.outputs.filter((o) => o.content === 'boundingBox').map((o) => `boxes ${o.name ?? '?'} ${o.boxType} [${o.boxIndex}] ${o.coordinateType}`),
    ...md.zipFiles.map((f) => `file ${f.name} (${f.bytes} B)`),
  ];
  return parts.join(', ');
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('show a model\'s format, inputs, outputs, ops, parameters and size')
    .argument('<model>', 'model file (.onnx or model.json), workspace id or bundled id')
    .option('--json', 'print the InspectResult as JSON on stdout')
    .action((model: string, _o: unknown, cmd: Command) =>
      runMethod(globals(cmd), 'inspectModel', { model }, (r) => [
        `format      ${r.format}`,
        ...r.inputs.map((t) => `input       ${t.name} ${t.dtype} [${t.shape.join(',')}]`),
        ...r.outputs.map((t) => `output      ${t.name} ${t.dtype} [${t.shape.join(',')}]`),
        `parameters  ${r.parameters}`,
        `size        ${formatBytes(r.sizeBytes)} in ${r.files.length} file(s)`,
        `weights     ${Object.entries(r.weightDtypes).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
        `ops         ${Object.entries(r.ops).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}×${v}`).join(' ')}`,
        ...(r.opParameters && Object.keys(r.opParameters).length
          ? [`params/op   ${Object.entries(r.opParameters).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join(', ')}`]
          : []),
        ...(r.quantization?.length ? [`quantized   ${quantSummary(r.quantization)}`] : []),
        ...(r.tfliteMetadata ? [`tflite meta ${tfliteMetadataText(r.tfliteMetadata)}`] : []),
        ...metaText(r).map(([k, v]) => `${k.padEnd(11)} ${v}`),
      ]),
    );
}
