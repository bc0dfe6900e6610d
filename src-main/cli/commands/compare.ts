import type { Command } from 'commander';
import type { ArgsIn } from '../../../src-shared/api';
import type { CompareResult } from '../../../src-shared/types/degradation';
import { runMethod } from '../run';
import { globals } from './args';

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** Human-readable summary lines of a CompareResult. */
export function compareLines(r: CompareResult): string[] {
  const { detection: d, tracking: t, experience: e, embedding: m } = r;
  return [
    `${r.variant.model} (${r.variant.variantKind}) vs ${r.reference.kind === 'labels' ? `labels ${r.reference.file}` : `${r.baseline.model} (${r.baseline.variantKind})`}, ${r.frames} frames${r.reference.classAgnostic ? ', class-agnostic' : ''}`,
    `detection   mAP@.5 ${f3(d.map50)}  mAP ${f3(d.map)}  precision ${f3(d.precision)}  recall ${f3(d.recall)}`,
    `tracking    MOTA ${f3(t.mota)}  MOTP ${f3(t.motp)}  IDF1 ${f3(t.idf1)}  HOTA ${f3(t.hota)} (DetA ${f3(t.detA)}, AssA ${f3(t.assA)})  id switches ${t.idSwitches}  frag ${t.fragmentations}`,
    `            ${t.perClass.length} class(es), detection-averaged; class-averaged MOTA ${f3(t.classAveraged.mota)}  IDF1 ${f3(t.classAveraged.idf1)}  HOTA ${f3(t.classAveraged.hota)}`,
    `experience  flicker ${e.flickerPerMin.toFixed(2)}/min (baseline ${e.baselineFlickerPerMin.toFixed(2)})  jitter Δ ${e.jitter.toFixed(4)}  first box +${e.timeToFirstBoxMs.toFixed(0)} ms (${e.neverFound} never)  lag ${e.lagFrames} frames  label flips ${e.labelFlips}`,
    `embedding   cosine mean ${f3(m.cosineMean)}  p5 ${f3(m.cosineP5)}  top-${m.k} overlap ${f3(m.topkOverlap)} (${m.pairs} pairs)`,
    `verdict     ${r.verdict.pass ? 'PASS' : 'FAIL'}: ${r.verdict.checks.map((c) => `${c.metric}${c.op}${c.limit} ${c.value === null ? 'n/a' : c.failed ? `FAILED (${+c.value.toFixed(4)})` : 'ok'}`).join(', ')}`,
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
    .option('--fail-on <gates>', `exit ${EXIT_GATE_FAILED} when a gate holds, e.g. "map50_drop>0.01,flickerPerMin>2" (metrics: see --json; default verdict gates are reported, not enforced)`)
    .option('--class-agnostic', 'ignore classes when matching boxes (one class for AP; tracks matched across labels)')
    .option('--json', 'print the CompareResult as JSON on stdout')
    .action((baseline: string, variant: string, o: { gt?: string; failOn?: string; classAgnostic?: boolean }, cmd: Command) => {
      const args: ArgsIn<'compare'> = {
        baseline,
        variant,
        ...(o.gt ? { gt: o.gt } : {}),
        ...(o.failOn ? { failOn: o.failOn } : {}),
        ...(o.classAgnostic ? { classAgnostic: true } : {}),
      };
      return runMethod(globals(cmd), 'compare', args, compareLines, (r) => (o.failOn && !r.verdict.pass ? EXIT_GATE_FAILED : 0));
    });
}
