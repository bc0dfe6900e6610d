// Entry of `npm run bench` (bundled to out/main/bench.js): BlazeFace (ONNX) on the first N frames of the
// bundled cup clip; prints one JSON object on stdout (see measure.ts), diagnostics on stderr.
import { Command, InvalidArgumentError } from 'commander';
import { EdgeLabError } from '../../src-shared/protocol';
import { bench } from './measure';

console.log = console.error; // keep stdout for the one JSON object
console.info = console.error;

const program = new Command('bench')
  .description('replay overhead: pure inference vs whole replay, per frame')
  .option('--frames <n>', 'frames from the start of the clip', (v) => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected an integer >= 1');
    return Number(v);
  }, 120)
  .option('--model <id>', 'bundled model id', 'blazeface-front')
  .option('--clip <id>', 'bundled clip id', 'cup');
program.parse(process.argv);
const o = program.opts<{ frames: number; model: string; clip: string }>();

try {
  const r = await bench({ modelId: o.model, clipId: o.clip, frames: o.frames });
  process.stdout.write(JSON.stringify(r) + '\n', () => process.exit(0));
} catch (e) {
  process.stderr.write(`bench: ${EdgeLabError.toPayload(e).message}\n`);
  process.exit(1);
}
