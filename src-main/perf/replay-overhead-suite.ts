// `npm run bench`: pure inference vs whole replay per frame, on a bundled model and clip (default BlazeFace ONNX, cup).
import { Command, InvalidArgumentError } from 'commander';
import type { BenchSuite } from './types';
import { bench } from './replay-overhead';

export function intOption(min: number): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v) || Number(v) < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return Number(v);
  };
}

export const replayOverheadSuite: BenchSuite = {
  name: 'replay-overhead',
  description: 'replay overhead: pure inference vs whole replay, per frame',
  async run(argv) {
    const program = new Command('bench')
      .description(this.description)
      .option('--frames <n>', 'frames from the start of the clip', intOption(1), 120)
      .option('--model <id>', 'bundled model id', 'blazeface-front')
      .option('--clip <id>', 'bundled clip id', 'cup');
    program.parse(argv, { from: 'user' });
    const o = program.opts<{ frames: number; model: string; clip: string }>();
    return { ...(await bench({ modelId: o.model, clipId: o.clip, frames: o.frames })) };
  },
};
