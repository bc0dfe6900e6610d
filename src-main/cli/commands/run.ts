// `edgelab run <lab.yaml>`: runs a lab spec (docs/lab-spec.md). Progress: one bar per running step on a TTY
// (cli-progress multibar), plain lines otherwise; then the summary table. Exit 0 ok, 3 a gate failed, 1 a step failed.
import { failedChecks } from '../../../src-shared/metrics/verdict-text';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { ArgsIn } from '../../../src-shared/api';
import type { Progress } from '../../../src-shared/protocol';
import type { LabResult } from '../../../src-shared/types/lab';
import { summaryTable } from '../../lab/summary';
import { EXIT_FAIL, EXIT_OK } from '../output';
import type { ProgressSink } from '../progress';
import { runMethod } from '../run';
import { globals, intArg } from './args';
import { EXIT_GATE_FAILED } from './compare';

/** Lab progress events carry stage = step id (or 'plan'), message = the step's state or its own stage. */
function labProgressSink(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  const ended = (m?: string) => m === 'done' || m === 'cached' || m === 'failed' || m === 'cancelled';
  if (stream.isTTY) {
    const multi = new cliProgress.MultiBar(
      { stream, format: '{step} [{bar}] {percentage}% {info}', hideCursor: true, clearOnComplete: false, barsize: 24, autopadding: true },
      cliProgress.Presets.shades_classic,
    );
    const overall = multi.create(1000, 0, { step: 'lab', info: '' });
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      update(p: Progress) {
        overall.update(Math.round(1000 * (p.fraction ?? 0)), { step: 'lab', info: `${p.done ?? 0}/${p.total ?? '?'} steps` });
        if (p.stage === 'plan') return;
        let bar = bars.get(p.stage);
        if (!bar) {
          if (p.message === 'cached') return; // cached steps get no bar; they count in the overall one
          bar = multi.create(100, 0, { step: p.stage, info: '' });
          bars.set(p.stage, bar);
        }
        if (ended(p.message)) {
          bar.update(p.message === 'done' ? 100 : bar.getProgress() * 100, { step: p.stage, info: p.message });
          bar.stop();
        } else bar.update(/^\d/.test(p.message ?? '') ? 0 : bar.getProgress() * 100, { step: p.stage, info: p.message ?? '' });
      },
      stop() {
        multi.stop();
      },
    };
  }
  // Plain lines: one per step state change (started / done / cached / failed), the step's own stages at most 1/s.
  const last = new Map<string, number>();
  return {
    update(p: Progress) {
      const now = Date.now();
      const change = p.message === 'started' || ended(p.message) || p.stage === 'plan';
      if (!change && now - (last.get(p.stage) ?? 0) < 1000) return;
      last.set(p.stage, now);
      stream.write(`[${p.done ?? 0}/${p.total ?? '?'}] ${p.stage}${p.message ? `: ${p.message}` : ''}\n`);
    },
    stop() {},
  };
}

export function labLines(r: LabResult): string[] {
  const count = (s: string) => r.steps.filter((x) => x.status === s).length;
  return [
    `lab ${r.name ?? ''}: ${r.steps.length} steps — ${count('done')} ran, ${count('cached')} cached, ${count('failed')} failed, ${count('skipped')} skipped`,
    ...r.steps.filter((s) => s.status === 'failed').map((s) => `  FAILED ${s.id}: ${s.error ?? ''}`),
    '',
    ...summaryTable(r.summary),
    '',
    `gates: ${r.passed ? 'PASS' : 'FAIL'}${(r.verdicts ?? []).filter((v) => !v.pass).map((v) => `\n  ${v.step}: ${failedChecks(v).join(', ')}`).join('')}`,
    ...r.reports.map((f) => `report: ${f}`),
    `lab report: ${r.labReport ?? ''}`,
    `whole-lab report: edgelab report --lab ${r.labDir} --format html --out <file>`,
  ];
}

/** 1 when a step failed (an error happened), else 3 when a gate failed, else 0. */
export function labExitCode(r: LabResult): number {
  if (r.steps.some((s) => s.status === 'failed' || s.status === 'skipped')) return EXIT_FAIL;
  return r.passed ? EXIT_OK : EXIT_GATE_FAILED;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a lab spec (YAML: models, variants, clips, replay settings, bench files, gates): cached by content hash, resumable')
    .argument('<lab.yaml>', 'lab spec (docs/lab-spec.md)')
    .option('--jobs <n>', 'parallel steps (default: from cores and free memory)', intArg(1))
    .option('--fail-on <gates>', `gates over every compare, e.g. "map50_drop>0.01,flickerPerMin>2" (overrides the spec's); exit ${EXIT_GATE_FAILED} when one fails`)
    .option('--force', 'ignore cached step results and redo every step')
    .option('--json', 'print the LabResult as JSON on stdout')
    .action((spec: string, o: { jobs?: number; failOn?: string; force?: boolean }, cmd: Command) => {
      const args: ArgsIn<'runLab'> = { spec, ...(o.jobs !== undefined ? { jobs: o.jobs } : {}), ...(o.failOn ? { failOn: o.failOn } : {}), ...(o.force ? { force: true } : {}) };
      return runMethod(globals(cmd), 'runLab', args, labLines, labExitCode, () => labProgressSink());
    });
}
