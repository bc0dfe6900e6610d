import type { Command } from 'commander';
import type { ArgsIn } from '../../../src-shared/api';
import { runMethod } from '../run';
import { globals, intArg } from './args';

interface PredictOptions {
  clip: string;
  frame?: number;
  saveOutputs?: string;
}

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('one frame through a model (ONNX, TF.js or .tflite): decoded detections or embedding; --save-outputs writes the exact input and every output as .npy')
    .argument('<model>', 'model file, workspace model/variant id or bundled id')
    .requiredOption('--clip <clip>', 'clip path or bundled clip id')
    .option('--frame <n>', 'frame index, 0-based (default 0)', intArg(0))
    .option('--save-outputs <dir>', 'write input-*.npy and output-*.npy (dtype and shape as the model stores them) into this folder')
    .option('--json', 'print the PredictResult as JSON on stdout')
    .action((model: string, o: PredictOptions, cmd: Command) => {
      const args: ArgsIn<'predict'> = { model, clip: o.clip, ...(o.frame !== undefined ? { frame: o.frame } : {}), ...(o.saveOutputs ? { saveOutputs: o.saveOutputs } : {}) };
      return runMethod(globals(cmd), 'predict', args, (r) => [
        `${r.model.name} (${r.model.format}, ${r.model.runtime} ${r.model.backend}) · frame ${r.frame} of ${r.clip.name} (${r.width}×${r.height}) · ${r.inferenceMs.toFixed(1)} ms`,
        ...(r.detections ? [`${r.detections.length} detection(s)`, ...r.detections.map((d) => `  ${d.label.padEnd(16)} ${d.score.toFixed(3)}  [${d.box.map((v) => v.toFixed(3)).join(', ')}]`)] : []),
        ...(r.embedding ? [`embedding: ${r.embedding.length} values [${r.embedding.slice(0, 4).map((v) => v.toFixed(4)).join(', ')}, …]`] : []),
        ...[...r.inputs.map((t) => ['input ', t] as const), ...r.outputs.map((t) => ['output', t] as const)].map(
          ([role, t]) => `${role} ${t.name} [${t.shape.join(', ')}] ${t.dtype}${t.file ? ` → ${t.file}` : ''}`,
        ),
      ]);
    });
}
