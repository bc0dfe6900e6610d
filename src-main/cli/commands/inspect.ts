import type { Command } from 'commander';
import type { InspectResult } from '../../../src-shared/types/model';
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
        ...metaText(r).map(([k, v]) => `${k.padEnd(11)} ${v}`),
      ]),
    );
}
