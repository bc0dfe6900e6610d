// Progress on stderr: a cli-progress bar on a TTY, otherwise plain lines (one per stage change and at
// most one a second) so that logs stay readable. stdout is never touched.
import cliProgress from 'cli-progress';
import type { Progress } from '../../src-shared/protocol';

export interface ProgressSink {
  update(p: Progress): void;
  stop(): void;
}

const LINE_INTERVAL_MS = 1000;

function countText(p: Progress): string {
  return p.done !== undefined && p.total !== undefined ? ` ${p.done}/${p.total}${p.unit ? ' ' + p.unit : ''}` : '';
}

export function createProgressSink(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  if (stream.isTTY) {
    // Bar value is the whole call's fraction in per mille (0..1000).
    const bar = new cliProgress.SingleBar(
      { stream, format: '{stage} [{bar}] {percentage}%{count}', hideCursor: true, clearOnComplete: true, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        const value = Math.round(1000 * (p.fraction ?? 0));
        if (!started) {
          bar.start(1000, value, { stage: p.stage, count: countText(p) });
          started = true;
        } else bar.update(value, { stage: p.stage, count: countText(p) });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastStage = '';
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (p.stage === lastStage && now - last < LINE_INTERVAL_MS) return;
      lastStage = p.stage;
      last = now;
      const pct = p.fraction === undefined ? '' : ` (${Math.round(100 * p.fraction)}%)`;
      stream.write(`${p.stage}${countText(p)}${pct}\n`);
    },
    stop() {},
  };
}
