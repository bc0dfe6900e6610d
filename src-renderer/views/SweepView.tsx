// Cadence sweep: pick a detector, a clip and cadences (every Nth frame and/or motion), run `sweep` as a job, and see
// each experience metric against detector calls/s with the gate lines and the pick (components/SweepChart.tsx);
// clicking a point (or a row's A/B button) opens that cadence's run in A/B against the every-frame run.
import { useEffect, useState } from 'react';
import type { ModelEntry } from '../../src-shared/types/model';
import { parseCadenceList, SWEEP_METRICS, type SweepResult } from '../../src-shared/types/sweep';
import { metricByKey, formatMetric } from '../../src-shared/metrics/catalogue';
import { getApi } from '../api/host';
import { ClipSelect } from '../components/ClipSelect';
import { DetectorSelect, detectorOptions } from '../components/DetectorSelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../components/JobProgress';
import { SweepChart } from '../components/SweepChart';
import { useAppData } from '../data/AppData';
import { useJob } from '../hooks/useJob';
import { errorText } from '../lib/format';
import { useNav } from '../nav';

export function SweepView() {
  const { bundled, refreshRuns } = useAppData();
  const nav = useNav();
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [model, setModel] = useState('');
  const [clip, setClip] = useState('');
  const [frames, setFrames] = useState(60);
  const [cadences, setCadences] = useState('1,2,3,5,8,motion');
  const [gates, setGates] = useState('');
  const [classAgnostic, setClassAgnostic] = useState(true);
  const [result, setResult] = useState<SweepResult | null>(null);
  const job = useJob('cadence sweep');

  useEffect(() => {
    getApi()
      .listModels({})
      .then(setModels)
      .catch((e: unknown) => setLoadError(errorText(e)));
  }, []);
  const options = detectorOptions(bundled.models, models);
  const chosenModel = model || options[0]?.value || '';
  const chosenClip = clip || bundled.clips[0]?.id || '';
  const parsed = parseCadenceList(cadences);

  const start = async () => {
    if (typeof parsed === 'string') return;
    const args = { model: chosenModel, clip: chosenClip, frames, cadences: parsed, ...(gates.trim() ? { failOn: gates.trim() } : {}), ...(classAgnostic ? { classAgnostic } : {}) };
    const r = await job.start((o) => getApi().sweep(args, o));
    if (r) {
      setResult(r);
      refreshRuns();
    }
  };
  const openAB = (runId: string) => result && nav.go('ab', { baseline: result.reference.runId, variant: runId });

  return (
    <section aria-labelledby="sweep-h">
      <h2 id="sweep-h">Cadence sweep</h2>
      <p className="muted">How rarely can the detector run? One replay per cadence, each compared with every-frame detection and gated; the pick is the lowest passing frequency.</p>
      <ErrorAlert message={loadError ?? job.error ?? (typeof parsed === 'string' ? parsed : null)} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label>
          Model
          <DetectorSelect testId="sweep-model" options={options} value={chosenModel} onChange={setModel} />
        </label>
        <label>
          Clip
          <ClipSelect testId="sweep-clip" clips={bundled.clips} value={chosenClip} onChange={setClip} />
        </label>
        <label>
          Frames (0 = all)
          <input type="number" min={0} value={frames} onChange={(e) => setFrames(Math.max(0, Math.floor(Number(e.target.value) || 0)))} data-testid="sweep-frames" />
        </label>
        <label>
          Cadences
          <input value={cadences} onChange={(e) => setCadences(e.target.value)} data-testid="sweep-cadences" />
        </label>
        <label>
          Gates (default: compare&apos;s)
          <input value={gates} placeholder="map50_drop>0.05" onChange={(e) => setGates(e.target.value)} data-testid="sweep-gates" />
        </label>
        <label>
          <input type="checkbox" checked={classAgnostic} onChange={(e) => setClassAgnostic(e.target.checked)} /> class-agnostic
        </label>
        <button type="submit" disabled={job.status === 'running' || !chosenModel || !chosenClip || typeof parsed === 'string'} data-testid="start-sweep">
          Sweep
        </button>
      </form>
      {job.status === 'running' && <JobProgress progress={job.progress} label="sweep" onCancel={job.cancel} cancelTestId="cancel-sweep" />}
      {result && (
        <>
          <p role="status" data-testid="sweep-pick">
            {result.pick
              ? `Pick: cadence ${result.pick.cadence} — ${result.pick.detectorCallsPerSec.toFixed(2)} detector calls/s, ${(100 * result.pick.saving).toFixed(0)} % of detector calls saved.`
              : 'No cadence passes the gates.'}{' '}
            <span className="muted">Gates: {result.gates}</span>
          </p>
          <SweepChart result={result} onOpen={(row) => openAB(row.runId)} />
          <table className="table" data-testid="sweep-table">
            <thead>
              <tr>
                <th>cadence</th>
                <th className="num">calls/s</th>
                {SWEEP_METRICS.map((k) => (
                  <th key={k} className="num">
                    {metricByKey(k)?.short ?? k}
                  </th>
                ))}
                <th>verdict</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={String(r.cadence)} data-pass={r.pass ? 'true' : 'false'}>
                  <td>{String(r.cadence)}</td>
                  <td className="num">{r.detectorCallsPerSec.toFixed(2)}</td>
                  {SWEEP_METRICS.map((k) => (
                    <td key={k} className="num">
                      {formatMetric(metricByKey(k)!, r[k]) ?? 'n/a'}
                    </td>
                  ))}
                  <td>{r.pass ? 'pass' : `fail: ${r.failed.join(', ')}`}</td>
                  <td>
                    <button type="button" onClick={() => openAB(r.runId)}>
                      A/B
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
