// `edgelab report`: a report over runs (per clip, the first run is the baseline) or over a lab (its state folder
// or lab.yaml), as html | pdf | csv | json. With --fail-on, exits 3 when a gate holds (as compare does).
import { Option, type Command } from 'commander';
import { argSchemas } from '../../../src-shared/api';
import type { ReportResult } from '../../../src-shared/types/report';
import { runMethod } from '../run';
import { globals } from './args';
import { EXIT_GATE_FAILED } from './compare';

function lines(r: ReportResult): string[] {
  const f = (n: number | null | undefined, d = 3) => (n === null || n === undefined ? '–' : n.toFixed(d));
  const rows = (r.report.variants ?? [])
    .filter((v) => v.baselineRunId)
    .map((v) => `${v.model} ${v.variantKind} on ${v.clip} (run ${v.runId} vs ${v.baselineRunId}): mAP@.5 ${f(v.metrics?.map50)}, IDF1 ${f(v.metrics?.idf1)}, size ×${f(v.sizeRatio, 2)}, SNR ${f(v.snrDb, 1)} dB — ${v.pass ? 'pass' : 'FAIL'}`);
  const g = r.report.gates;
  return [...rows, ...(g && g.checks.length ? [`Gates ${g.spec}: ${g.pass ? 'pass' : 'FAIL'}`] : []), `Report written to ${r.files.join(', ')}`];
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a report (html, pdf, csv or json) over runs or a lab: variant table, compare metrics, latency, gates, lineage')
    .argument('[run-dir...]', 'run directories or workspace run ids (per clip, the first is the baseline)')
    .option('--lab <dir|lab.yaml>', 'report over a lab instead of runs: its state folder or its lab.yaml')
    .addOption(new Option('--format <format>', 'report format').choices(argSchemas.report.shape.format.options).makeOptionMandatory())
    .requiredOption('--out <file>', 'report file to write')
    .option('--title <title>', 'report title')
    .option('--fail-on <gates>', `gates over every variant's compare, e.g. "map50_drop>0.01"; exit ${EXIT_GATE_FAILED} when one holds`)
    .option('--json', 'print the ReportResult as JSON on stdout')
    .action((runs: string[], o: { format: 'html'; out: string; title?: string; lab?: string; failOn?: string }, cmd: Command) =>
      runMethod(
        globals(cmd),
        'report',
        {
          ...(runs.length ? { runs } : {}),
          ...(o.lab ? { lab: o.lab } : {}),
          format: o.format,
          out: o.out,
          ...(o.title ? { title: o.title } : {}),
          ...(o.failOn ? { failOn: o.failOn } : {}),
        },
        lines,
        (r) => (o.failOn && r.report.gates && !r.report.gates.pass ? EXIT_GATE_FAILED : 0),
      ),
    );
}
