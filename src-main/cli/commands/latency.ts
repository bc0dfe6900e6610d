import { InvalidArgumentError, type Command } from 'commander';
import { runMethod } from '../run';
import { globals, intArg } from './args';

function positive(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(1));

export function registerLatency(program: Command): void {
  program
    .command('latency')
    .description('device × delegate × variant latency matrix against a per-frame budget, with the end-to-end estimate and the accuracy gate')
    .option('--budget <ms>', 'per-frame budget, ms', positive, 100)
    .option('--detect-every <n>', 'end-to-end estimate: detector on every Nth frame', intArg(1), 1)
    .option('--tracker-ms <ms>', 'end-to-end estimate: tracker cost per frame, ms', positive, 0)
    .option('--embedder <id>', 'end-to-end estimate: embedder variant/model whose latency is added')
    .option('--embeds-per-frame <n>', 'end-to-end estimate: embedder runs per frame', positive, 1)
    .option('--min-snr <db>', 'accuracy gate: minimum output SNR vs float32, dB', positive, 30)
    .option('--json', 'print the LatencyMatrix as JSON on stdout')
    .action((o: { budget: number; detectEvery: number; trackerMs: number; embedder?: string; embedsPerFrame: number; minSnr: number }, cmd: Command) =>
      runMethod(
        globals(cmd),
        'latency',
        {
          budgetMs: o.budget,
          detectEvery: o.detectEvery,
          trackerMs: o.trackerMs,
          embedsPerFrame: o.embedsPerFrame,
          minSnrDb: o.minSnr,
          ...(o.embedder ? { embedder: o.embedder } : {}),
        },
        (m) => [
          `budget ${m.budgetMs} ms/frame · ${m.cells.length} cell(s) from ${m.records ?? 0} record(s)`,
          ...m.cells.map(
            (c) =>
              `${c.withinBudget ? 'ok  ' : 'OVER'} ${c.device} · ${c.delegate} · ${c.variant}: mean ${f(c.latencyMs.mean)} ms` +
              `${c.latencyMs.p90 !== undefined ? `, p90 ${f(c.latencyMs.p90)}` : ''}` +
              `${c.endToEndMs !== undefined ? ` · end-to-end ${f(c.endToEndMs)} ms/frame${c.endToEndWithinBudget ? '' : ' (over)'}` : ''}`,
          ),
          ...(m.endToEnd?.missingEmbedder.length ? [`no embedder figure on: ${m.endToEnd.missingEmbedder.join(', ')}`] : []),
          ...(m.gate?.choices ?? []).map((g) => `fastest within SNR ≥ ${m.gate!.minSnrDb} dB on ${g.device} · ${g.delegate} (${g.model}): ${g.variant} ${f(g.meanMs)} ms`),
          ...(m.gate?.ungated.length ? [`no degradation figure yet: ${m.gate.ungated.join(', ')}`] : []),
        ],
      ),
    );
}
