// Replay A/B: pick a baseline run and a variant run of the same clip (kept in the URL: #/ab?baseline=…&variant=…
// &frame=…&gt=<labels path>), load both runs and their compare result (a stored one from listCompares, else `compare` as a job),
// and play them in sync (components/ABPlayer.tsx).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunFile, RunSummary } from '../../src-shared/formats/run';
import type { CompareResult } from '../../src-shared/types/degradation';
import { getApi } from '../api/host';
import { ABPlayer } from '../components/ABPlayer';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../components/JobProgress';
import { ReportButton } from '../components/ReportButton';
import { useAppData } from '../data/AppData';
import { useJob } from '../hooks/useJob';
import { errorText } from '../lib/format';
import { useNav } from '../nav';
import { RunOptions } from '../components/RunOptions';
import { runName } from '../../src-shared/run-name';
import { failedChecks } from '../../src-shared/metrics/verdict-text';
import { classScopeText, parseClassList, sameScope, scopeArgs, type ClassScope } from '../../src-shared/metrics/class-scope';
import { ClassScopePicker } from '../components/ClassScopePicker';
import { UploadField } from '../components/UploadField';

const runLabel = (r: RunSummary) => `${runName(r)} · ${r.frames} frames`;

export function ABView() {
  const { runs, runsLoaded } = useAppData();
  const nav = useNav();
  const p = nav.route.params;
  const baselineId = p.baseline ?? '';
  const base = runs.find((r) => r.id === baselineId);
  const partners = base ? runs.filter((r) => r.id !== base.id && r.clip.sha256 === base.clip.sha256) : [];
  const variantId = p.variant && partners.some((r) => r.id === p.variant) ? p.variant : '';
  const mode = p.mode === 'overlay' ? 'overlay' : 'side';
  const boxes = p.boxes === 'designed' ? 'designed' : 'raw';

  const [pair, setPair] = useState<{ key: string; a: RunFile; b: RunFile } | null>(null);
  const [compare, setCompare] = useState<{ key: string; result: CompareResult; gates?: string; lab?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(`compare ${p.baseline ?? ''} vs ${p.variant ?? ''}`);
  const { start: startJob, cancel: cancelJob } = job;
  // Class scope from the route (`classes=person,car`, `agnostic=1`), so a reload or a shared link keeps it.
  const scope: ClassScope = useMemo(() => ({ ...(p.agnostic === '1' ? { classAgnostic: true } : {}), ...(p.classes ? { classes: parseClassList(p.classes) ?? undefined } : {}) }), [p.agnostic, p.classes]);
  // Labels (route `gt`, e.g. a file uploaded into imports/labels/): both runs are then scored against them.
  const gt = p.gt ?? '';
  const key = `${baselineId}|${variantId}|${p.agnostic ?? ''}|${p.classes ?? ''}|${gt}`;

  useEffect(() => {
    if (!baselineId || !variantId) return;
    let live = true;
    setError(null);
    const api = getApi();
    Promise.all([api.getRun({ run: baselineId }), api.getRun({ run: variantId })])
      .then(([a, b]) => live && setPair({ key, a, b }))
      .catch((e: unknown) => live && setError(errorText(e)));
    api
      .listCompares({ run: baselineId })
      .then(async (stored) => {
        // A lab's compare of this pair first (its verdict is under the lab's gates), else one against the baseline.
        // Without a scope in the route a lab's compare is taken in the lab's own scope (e.g. class-agnostic).
        const explicit = scope.classAgnostic !== undefined || scope.classes !== undefined;
        const pairOf = stored.filter((s) => s.baseline === baselineId && s.variant === variantId && ((!explicit && s.lab) || sameScope(s.result.reference, scope)));
        // The lab's compare of this pair scored as its compare step scores (against the clip's labels when it has
        // some) before a report step's compare of the same pair, then any compare against the baseline; labels
        // given in the route (`gt=`, an upload) are always scored afresh.
        const hit = gt ? undefined : (pairOf.find((s) => s.lab && s.gt !== null) ?? pairOf.find((s) => s.lab) ?? pairOf.find((s) => s.gt === null));
        const result = hit?.result ?? (await startJob((o) => api.compare({ baseline: baselineId, variant: variantId, ...(gt ? { gt } : {}), ...scopeArgs(scope) }, o)));
        if (live && result) setCompare({ key, result, ...(hit?.gates ? { gates: hit.gates } : {}), ...(hit?.lab ? { lab: hit.lab.name } : {}) });
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
      cancelJob();
    };
  }, [baselineId, variantId, key, scope, gt, startJob, cancelJob]);

  const { setParams } = nav;
  const onFrame = useCallback((frame: number) => setParams({ frame }), [setParams]);
  // The picked select gives up focus so that space and the arrows drive the player, not the select.
  const blur = () => (document.activeElement as HTMLElement | null)?.blur();
  const choose = (patch: Record<string, string | undefined>) => {
    nav.go('ab', { ...p, frame: undefined, ...patch });
    blur();
  };

  if (!runsLoaded)
    return (
      <section aria-labelledby="ab-h">
        <h2 id="ab-h">Replay A/B</h2>
        <p className="muted">Reading the workspace's runs…</p>
      </section>
    );
  if (runs.length < 2)
    return (
      <section aria-labelledby="ab-h">
        <h2 id="ab-h">Replay A/B</h2>
        <p data-testid="ab-empty">
          A/B needs two runs of the same clip. In <a href="#/replay">Replay &amp; runs</a>, replay a clip with the float32 model, then with one of its variants
          (make one in <a href="#/models">Models</a>), and come back here.
        </p>
      </section>
    );

  const cmp = compare?.key === key ? compare.result : null;
  return (
    <section aria-labelledby="ab-h">
      <h2 id="ab-h">Replay A/B</h2>
      <div className="form">
        <label>
          Baseline run (A)
          <select value={baselineId} onChange={(e) => choose({ baseline: e.target.value, variant: undefined })} data-testid="ab-baseline">
            <option value="">— pick a run —</option>
            <RunOptions runs={runs} label={runLabel} />
          </select>
        </label>
        <label>
          Variant run (B), same clip
          <select value={variantId} onChange={(e) => choose({ variant: e.target.value })} data-testid="ab-variant" disabled={!base}>
            <option value="">{base && partners.length === 0 ? '— no other run of this clip —' : '— pick a run —'}</option>
            <RunOptions runs={partners} label={runLabel} />
          </select>
        </label>
        <ClassScopePicker
          testid="ab-scope"
          scope={scope.classAgnostic !== undefined || scope.classes !== undefined || !cmp ? scope : { classAgnostic: cmp.reference.classAgnostic, classes: cmp.reference.classes }}
          onChange={(sc) => (nav.setParams({ agnostic: sc.classAgnostic ? '1' : undefined, classes: sc.classes?.join(',') }), blur())}
        />
        <label>
          Layout
          <select value={mode} onChange={(e) => (nav.setParams({ mode: e.target.value }), blur())} data-testid="ab-mode">
            <option value="side">side by side</option>
            <option value="overlay">overlaid on one frame</option>
          </select>
        </label>
        <label>
          Boxes
          <select value={boxes} onChange={(e) => (nav.setParams({ boxes: e.target.value }), blur())} data-testid="ab-boxes">
            <option value="raw">raw run detections</option>
            <option value="designed">as designed (overlay settings)</option>
          </select>
        </label>
      </div>
      <UploadField kind="labels" label="labels for both runs (MOT gt.txt or COCO JSON)" testId="ab-gt-upload" multiple={false} onUploaded={(r) => nav.setParams({ gt: r[0]!.workspacePath })} />
      {gt && (
        <p className="muted" data-testid="ab-gt">
          scored against labels <code>{gt}</code>{' '}
          <button type="button" onClick={() => nav.setParams({ gt: undefined })}>
            use the baseline instead
          </button>
        </p>
      )}
      {!base && <p className="muted">Pick the baseline run (normally the float32 model's), then a variant run of the same clip.</p>}
      {base && partners.length === 0 && <p className="muted">No other run of {base.clip.name}: replay it with a variant in Replay &amp; runs.</p>}
      <ErrorAlert message={error ?? job.error} />
      {job.status === 'running' && (
        <JobProgress progress={job.progress} label="compare" onCancel={cancelJob} />
      )}
      {cmp && (
        <p data-testid="ab-verdict">
          <strong>{cmp.verdict.pass ? 'PASS' : 'FAIL'}</strong>
          {!cmp.verdict.pass && <span data-testid="ab-failed-gates">: {failedChecks(cmp.verdict).join(', ')}</span>} · mAP@0.5 {cmp.detection.map50.toFixed(3)}{' '}
          {cmp.reference.kind === 'labels' ? (
            <span data-testid="ab-vs-labels">
              vs labels ({cmp.reference.frames} labelled frames; float32 {cmp.baselineVsLabels?.detection.map50.toFixed(3) ?? '–'} vs the same labels)
            </span>
          ) : (
            'vs baseline'
          )}{' '}
          (<span data-testid="ab-scope">{classScopeText(cmp.reference)}</span>) · recall {cmp.detection.recall.toFixed(3)} · ID
          switches {cmp.tracking.idSwitches} · flicker {cmp.experience.flickerPerMin.toFixed(1)}/min · {cmp.events.length} events
          {compare?.gates && (
            <span data-testid="ab-gates">
              {' '}
              · gates <code>{compare.gates}</code>
              {compare.lab ? ` (lab ${compare.lab})` : ''}
            </span>
          )}
        </p>
      )}
      {cmp && <ReportButton baseline={baselineId} variant={variantId} />}
      {pair?.key === key && (
        <ABPlayer
          key={key}
          a={pair.a}
          b={pair.b}
          events={cmp?.events ?? null}
          referenceIsBaseline={cmp?.reference.kind !== 'labels'}
          mode={mode}
          boxes={boxes}
          initialFrame={Number(p.frame ?? 0) || 0}
          onFrame={onFrame}
          onOpenGraph={(variant, frame, clip) => nav.go('graph', { variant, frame, clip })}
        />
      )}
    </section>
  );
}
