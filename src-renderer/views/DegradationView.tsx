// Degradation: per-variant bars for each compare metric with the gate line, the size × accuracy × latency Pareto
// scatter (variant × device/delegate), and the per-layer error of a picked variant. Compares come from the
// workspace (`listCompares`) or are computed here for the runs picked (`compare`, a job per variant run).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EdgeLabApi } from '../../src-shared/api';
import type { RunSummary } from '../../src-shared/formats/run';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { LatencyMatrix } from '../../src-shared/types/latency';
import type { LayersResult } from '../../src-shared/types/layers';
import type { ModelEntry } from '../../src-shared/types/model';
import { getApi } from '../api/host';
import { ErrorAlert } from '../components/ErrorAlert';
import { LayerErrorChart } from '../components/LayerErrorChart';
import { MetricBars } from '../components/MetricBars';
import { ParetoScatter } from '../components/ParetoScatter';
import { JobProgress } from '../components/JobProgress';
import { useTitledJob } from '../jobs/useTitledJob';
import { metricCharts, type NamedCompare } from '../lib/degradation';
import { paretoPoints } from '../lib/pareto';
import { RunOptions } from '../components/RunOptions';
import { distinctRunNames, runName } from '../../src-shared/run-name';
import { verdictText } from '../../src-shared/metrics/verdict-text';
import { classScopeText, sameScope, scopeArgs, type ClassScope } from '../../src-shared/metrics/class-scope';
import { ClassScopePicker } from '../components/ClassScopePicker';
import { UploadField } from '../components/UploadField';

const runLabel = (r: RunSummary) => `${runName(r)} · ${r.frames} fr`;

export function DegradationView({ runs, api: given }: { runs: RunSummary[]; api?: EdgeLabApi }) {
  const api = given ?? getApi();
  const [stored, setStored] = useState<CompareResult[]>([]);
  const [computed, setComputed] = useState<CompareResult[]>([]);
  const [matrix, setMatrix] = useState<LatencyMatrix | null>(null);
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [baseline, setBaseline] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [gt, setGt] = useState('');
  const [scope, setScope] = useState<ClassScope>({});
  const [layerVariant, setLayerVariant] = useState('');
  const [layers, setLayers] = useState<LayersResult | null>(null);
  const job = useTitledJob();

  useEffect(() => {
    api.listCompares({}).then((l) => setStored(l.map((c) => c.result)), () => setStored([]));
    api.latency({}).then(setMatrix, () => setMatrix(null));
    api.listModels({}).then(setModels, () => setModels([]));
  }, [api]);

  const base = baseline || runs.find((r) => r.model.variantKind === 'fp32')?.id || runs[0]?.id || '';
  const baseRun = runs.find((r) => r.id === base);
  const candidates = runs.filter((r) => r.id !== base && (!baseRun || r.clip.sha256 === baseRun.clip.sha256));

  const compareRuns = useCallback(async () => {
    const out: CompareResult[] = [];
    for (const v of picked) {
      const r = await job.start(`compare ${base} vs ${v}`, (o) => api.compare({ baseline: base, variant: v, ...(gt.trim() ? { gt: gt.trim() } : {}), ...scopeArgs(scope) }, o));
      if (!r) break;
      out.push(r);
    }
    setComputed((prev) => [...out, ...prev]);
  }, [api, base, picked, gt, scope, job]);

  // Newest first, one compare per variant run against the chosen baseline.
  const shown = useMemo(() => {
    const seen = new Set<string>();
    return [...computed, ...stored].filter(
      (c) => c.baseline.runId === base && sameScope(c.reference, scope) && !seen.has(c.variant.runId) && (seen.add(c.variant.runId), true),
    );
  }, [computed, stored, base, scope]);
  const named: NamedCompare[] = useMemo(() => {
    const byId = new Map(runs.map((r) => [r.id, r]));
    const clip = baseRun?.clip.name ?? '';
    const names = distinctRunNames(
      shown.map((c) => byId.get(c.variant.runId) ?? { model: { name: c.variant.model, variantKind: c.variant.variantKind }, clip: { name: clip } }),
    );
    return shown.map((c, i) => ({ name: names[i]!, result: c }));
  }, [shown, runs]);
  const charts = useMemo(() => metricCharts(named), [named]);
  const points = useMemo(() => paretoPoints(shown, runs, matrix), [shown, runs, matrix]);

  const variants = models.flatMap((m) => m.variants.map((v) => ({ id: v.id, parent: m.id, label: `${m.name} · ${v.kind} (${v.id})` })));
  const layerPick = variants.find((v) => v.id === layerVariant) ?? variants[0];
  const runLayers = async () => {
    if (!layerPick) return;
    const r = await job.start(`layers ${layerPick.id}`, (o) => api.layers({ model: layerPick.parent, variant: layerPick.id, clip: baseRun?.clip.path, frames: 2 }, o));
    if (r) setLayers(r);
  };

  return (
    <section aria-labelledby="degradation-h">
      <h2 id="degradation-h">Degradation</h2>
      <ErrorAlert message={job.error} />
      {runs.length < 2 ? (
        <p className="muted" data-testid="degradation-empty">
          Degradation needs two runs of the same clip: replay the float32 model and a variant (Replay &amp; runs), then compare them here.
        </p>
      ) : (
        <div className="form" aria-label="runs to compare">
          <label>
            baseline run
            <select data-testid="degradation-baseline" value={base} onChange={(e) => (setBaseline(e.target.value), setPicked([]))}>
              <RunOptions runs={runs} label={runLabel} />
            </select>
          </label>
          <fieldset className="degradation-variants">
            <legend>variant runs (same clip)</legend>
            {candidates.map((r) => (
              <label key={r.id} className="degradation-pick">
                <input
                  type="checkbox"
                  data-testid="degradation-variant"
                  checked={picked.includes(r.id)}
                  onChange={(e) => setPicked((p) => (e.target.checked ? [...p, r.id] : p.filter((x) => x !== r.id)))}
                />
                {runLabel(r)}
              </label>
            ))}
          </fieldset>
          <label>
            labels (optional: MOT gt.txt or COCO JSON; else the baseline is the reference)
            <input data-testid="degradation-gt" size={40} value={gt} onChange={(e) => setGt(e.target.value)} />
          </label>
          <UploadField kind="labels" label="labels file" testId="degradation-gt-upload" multiple={false} onUploaded={(r) => setGt(r[0]!.workspacePath)} />
          <ClassScopePicker testid="degradation-scope" scope={scope} onChange={setScope} />
          <button type="button" data-testid="degradation-compare" disabled={!picked.length || job.status === 'running'} onClick={compareRuns}>
            Compare
          </button>
        </div>
      )}
      {job.status === 'running' && (
        <JobProgress progress={job.progress} label={job.title ?? 'compare'} onCancel={job.cancel} />
      )}
      {charts.length > 0 && (
        <>
          <h3>Metrics per variant (vs {baseRun ? runLabel(baseRun) : base})</h3>
          <p className="muted">
            <span data-testid="degradation-reference">
              Reference: {shown[0]!.reference.kind === 'labels' ? `labels ${shown[0]!.reference.file ?? ''} (${shown[0]!.reference.frames} frames)` : 'the baseline run (pseudo ground truth)'},{' '}
              <span data-testid="degradation-scope">{classScopeText(shown[0]!.reference)}</span>
            </span>
            ; dashed line = gate
            (verdict: <span data-testid="degradation-verdicts">{named.map((n) => `${n.name} ${n.result.verdict.pass ? 'pass' : verdictText(n.result.verdict)}`).join('; ')}</span>).
          </p>
          <div className="degradation-grid" data-testid="degradation-charts">
            {charts.map((c) => (
              <MetricBars key={c.metric.key} chart={c} />
            ))}
          </div>
          <h3>Size · accuracy · latency</h3>
          <ParetoScatter points={points} />
        </>
      )}
      {variants.length > 0 && (
        <div className="form" aria-label="per-layer error">
          <label>
            per-layer error of
            <select data-testid="degradation-layer-variant" value={layerPick?.id ?? ''} onChange={(e) => setLayerVariant(e.target.value)}>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={job.status === 'running'} onClick={runLayers}>
            Show per-layer error
          </button>
        </div>
      )}
      {layers && <LayerErrorChart result={layers} />}
    </section>
  );
}
