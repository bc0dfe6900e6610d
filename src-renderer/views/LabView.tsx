// Lab: the labs run in this workspace (`listLabs`) and one lab's summary (`getLab`: labs/<name>/report.json) —
// the CLI's columns, the lab's gates and each row's verdict under them (failing gates with value and limit). A row
// click opens its pair in A/B (`#/ab?baseline=…&variant=…`; the float32 row opens its run); each variant row can
// write the pair's HTML report (ReportButton). The lab to show is the route's `lab` parameter (default: the first).
import { useEffect, useState } from 'react';
import type { LabDetail, LabListEntry } from '../../src-shared/types/lab';
import { getApi } from '../api/host';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReportButton } from '../components/ReportButton';
import { errorText } from '../lib/format';
import { cellText, columnHeader, rowRuns, rowVerdict, shownColumns, verdictText } from '../lib/lab-table';
import { useNav } from '../nav';

export function LabView() {
  const nav = useNav();
  const [labs, setLabs] = useState<LabListEntry[] | null>(null);
  const [detail, setDetail] = useState<LabDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = nav.route.params.lab ?? labs?.[0]?.name ?? '';

  useEffect(() => {
    getApi()
      .listLabs({})
      .then(setLabs, (e: unknown) => (setLabs([]), setError(errorText(e))));
  }, []);
  useEffect(() => {
    if (!name) return;
    let live = true;
    setDetail(null);
    getApi()
      .getLab({ name })
      .then((d) => live && setDetail(d), (e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [name]);

  if (labs === null) return <p className="muted">Loading labs…</p>;
  const cols = detail ? shownColumns(detail) : [];
  return (
    <section aria-labelledby="lab-h">
      <h2 id="lab-h">Lab</h2>
      <ErrorAlert message={error} />
      {labs.length === 0 ? (
        <p className="muted" data-testid="lab-empty">
          No labs in this workspace yet: run one with <code>edgelab run lab.yaml</code> (same <code>--workspace</code>), then reload.
        </p>
      ) : (
        <label className="inline">
          Lab{' '}
          <select data-testid="lab-pick" value={name} onChange={(e) => nav.setParams({ lab: e.target.value })}>
            {labs.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name} · {l.passed ? 'passed' : 'FAILED'} · {l.generatedAt.slice(0, 16).replace('T', ' ')}
              </option>
            ))}
          </select>
        </label>
      )}
      {detail && (
        <>
          <p data-testid="lab-gates">
            <strong>{detail.report.passed ? 'PASS' : 'FAIL'}</strong> · gates:{' '}
            {detail.report.gates ? <code>{detail.report.gates}</code> : 'none (each compare’s default verdict, reported, not enforced)'}
          </p>
          <table className="table" data-testid="lab-table">
            <thead>
              <tr>
                {cols.map((c) => (
                  <th key={c}>{columnHeader(c)}</th>
                ))}
                <th>verdict</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {detail.report.summary.map((row, i) => {
                const v = rowVerdict(detail, row);
                const runs = rowRuns(detail, row);
                const open = () =>
                  v && runs.baseline && runs.variant ? nav.go('ab', { baseline: runs.baseline, variant: runs.variant }) : runs.variant ? nav.go('run', { run: runs.variant }) : undefined;
                return (
                  <tr key={i} data-testid="lab-row" data-variant={String(row.variant)} className="clickable" onClick={open} title={v ? 'open this pair in A/B' : 'open this run'}>
                    {cols.map((c) => (
                      <td key={c} className={typeof row[c] === 'number' ? 'num' : undefined}>
                        {cellText(row[c])}
                      </td>
                    ))}
                    <td data-testid="lab-verdict" className={v && !v.pass ? 'fail' : undefined}>
                      {verdictText(v)}
                    </td>
                    <td onClick={(e) => e.stopPropagation()}>{v && runs.baseline && runs.variant && <ReportButton baseline={runs.baseline} variant={runs.variant} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {detail.reports.length > 0 && (
            <p className="muted" data-testid="lab-reports">
              Reports written by the lab: {detail.reports.map((f) => <code key={f}>{f} </code>)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
