import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ArgsIn } from '../../../src-shared/api';
import type { CompareResult } from '../../../src-shared/types/degradation';
import { DEFAULT_GATES, GATES, METRIC_GROUPS, METRICS, formatMetric, type MetricEntry, type MetricGroup } from '../../../src-shared/metrics/catalogue';
import { MOT_PRESETS, type MotPreset } from '../../../src-shared/metrics/mot-classes';
import { classScopeText, parseClassList } from '../../../src-shared/metrics/class-scope';
import { verdictText } from '../../../src-shared/metrics/verdict-text';
import { runMethod } from '../run';
import { globals } from './args';

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** One line of a catalogue group: every entry's short label and value (n/a = not measured). */
function groupLine(r: CompareResult, group: MetricGroup): string {
  const cells = (METRICS as readonly MetricEntry[]).filter((m) => m.group === group).map((m) => `${m.short} ${formatMetric(m, m.value(r)) ?? 'n/a'}`);
  return `${group.padEnd(11)} ${cells.join('  ')}`;
}

/** Human-readable summary lines of a CompareResult: one line per catalogue group, then the verdict and events. */
export function compareLines(r: CompareResult): string[] {
  const t = r.tracking;
  return [
    `${r.variant.model} (${r.variant.variantKind}) vs ${r.reference.kind === 'labels' ? `labels ${r.reference.file}` : `${r.baseline.model} (${r.baseline.variantKind})`}, ${r.frames} frames, ${classScopeText(r.reference)}`,
    ...METRIC_GROUPS.flatMap((g) =>
      g === 'tracking'
        ? [groupLine(r, g), `            ${t.perClass.length} class(es), detection-averaged; class-averaged MOTA ${f3(t.classAveraged.mota)}  IDF1 ${f3(t.classAveraged.idf1)}  HOTA ${f3(t.classAveraged.hota)}`]
        : [groupLine(r, g)],
    ),
    `verdict     ${verdictText(r.verdict)}`,
    `gates       ${r.verdict.checks.map((c) => `${c.metric}${c.op}${c.limit} ${c.value === null ? 'n/a' : c.failed ? `FAILED (${+c.value.toFixed(4)})` : 'ok'}`).join(', ')}`,
    `${r.events.length} event(s)${r.events.length ? ': ' + r.events.slice(0, 5).map((x) => `#${x.frame} ${x.kind}`).join(', ') + (r.events.length > 5 ? ', …' : '') : ''}`,
  ];
}

/** Exit code when a --fail-on gate fails (1 = error, 2 = usage, 130 = cancelled). */
export const EXIT_GATE_FAILED = 3;

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('degradation metrics of a variant run against a baseline run (or labels): detection, tracking, experience, embedding, events')
    .argument('<baseline-run>', 'baseline run directory or workspace run id (normally float32)')
    .argument('<variant-run>', 'variant run directory or workspace run id')
    .option('--gt <file>', 'labels: MOTChallenge gt.txt or COCO-style JSON')
    .option(
      '--fail-on <gates>',
      `exit ${EXIT_GATE_FAILED} when a gate holds, e.g. "map50_drop>0.01,flickerPerMin>2" (metrics: ${GATES.map((g) => g.key).join(', ')}; default verdict gates ${DEFAULT_GATES} are reported, not enforced)`,
    )
    .option('--class-agnostic', 'ignore classes when matching boxes (one class for AP; tracks matched across labels)')
    .option('--classes <names>', 'score only these classes, comma-separated box labels (e.g. person,car); stored with the compare', (v: string) => {
      const names = parseClassList(v);
      if (!names) throw new InvalidArgumentError('give at least one class name, e.g. person,car');
      return names;
    })
    .addOption(new Option('--mot-classes <preset>', 'MOTChallenge labels: classes scored (pedestrian = class 1 only, as MOT17; docs/metrics.md)').choices(MOT_PRESETS).default('all'))
    .option('--json', 'print the CompareResult as JSON on stdout')
    .action((baseline: string, variant: string, o: { gt?: string; failOn?: string; classAgnostic?: boolean; classes?: string[]; motClasses: MotPreset }, cmd: Command) => {
      const args: ArgsIn<'compare'> = {
        baseline,
        variant,
        ...(o.gt ? { gt: o.gt } : {}),
        ...(o.failOn ? { failOn: o.failOn } : {}),
        ...(o.classAgnostic ? { classAgnostic: true } : {}),
        ...(o.classes ? { classes: o.classes } : {}),
        ...(o.motClasses !== 'all' ? { motClasses: o.motClasses } : {}),
      };
      return runMethod(globals(cmd), 'compare', args, compareLines, (r) => (o.failOn && !r.verdict.pass ? EXIT_GATE_FAILED : 0));
    });
}
