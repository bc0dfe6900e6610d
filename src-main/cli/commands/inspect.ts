import type { Command } from 'commander';
import type { InspectResult } from '../../../src-shared/types/model';
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

/** The metadata a replay will use, or the decoder layouts that fit when there is none. */
function metaLines(r: InspectResult): string[] {
  const m = r.meta;
  if (!m) {
    const fits = r.decoderFits ?? [];
    return [`metadata    none: add a sidecar <model>.edgelab.json (docs/models.md)${fits.length ? '; layouts that fit the outputs:' : ''}`, ...fits.map((f) => `            ${f}`)];
  }
  const i = m.input;
  const labels = Array.isArray(m.labels) ? `${m.labels.length} names` : (m.labels ?? 'none');
  return [
    `metadata    ${m.task}${m.decoder ? `, decoder ${m.decoder.kind} ${JSON.stringify(m.decoder.params ?? {}, (_k, v: unknown) => (Array.isArray(v) && v.length > 8 ? `[${v.length} items]` : v))}` : ''}${m.embedding ? `, embedding ${m.embedding.output} (${m.embedding.dims})` : ''}, labels ${labels}`,
    `input spec  ${i.name ?? '(first input)'} ${i.layout} ${i.dtype} ${i.width}×${i.height} ${i.channels} range [${i.range.join(', ')}] ${i.resize}${i.padValue !== undefined ? ` pad ${i.padValue}` : ''}${i.mean ? ` mean [${i.mean.join(', ')}]` : ''}${i.std ? ` std [${i.std.join(', ')}]` : ''}`,
  ];
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
        ...metaLines(r),
      ]),
    );
}
