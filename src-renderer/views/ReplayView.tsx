// Replay: pick a detector (bundled, workspace model or variant) and a bundled clip, run it with
// progress and a Cancel that really cancels; finished runs appear in the Runs list.
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../src-shared/formats/run';
import type { BundledClip, BundledModel, ModelEntry } from '../../src-shared/types/model';
import { getApi } from '../api/host';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../components/JobProgress';
import { RunsList } from '../components/RunsList';
import { useJob } from '../hooks/useJob';
import { errorText } from '../lib/format';
import { ClipSelect } from '../components/ClipSelect';
import { DetectorSelect, detectorOptions } from '../components/DetectorSelect';
import { runName } from '../../src-shared/run-name';

export interface ReplayViewProps {
  bundled: BundledModel[];
  clips: BundledClip[];
  runs: RunSummary[];
  onFinished: () => void;
  onOpenRun: (id: string) => void;
  /** Opens two runs of one clip in Replay A/B. */
  onOpenAB?: (baseline: string, variant: string) => void;
}

/** The newest run and the newest other run of the same clip; the float32 one (else the older) is the baseline. */
export function latestPair(runs: readonly RunSummary[]): { baseline: RunSummary; variant: RunSummary } | null {
  const sorted = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const newest = sorted[0];
  const other = newest && sorted.find((r) => r.id !== newest.id && r.clip.sha256 === newest.clip.sha256);
  if (!newest || !other) return null;
  return newest.model.variantKind === 'fp32' && other.model.variantKind !== 'fp32' ? { baseline: newest, variant: other } : { baseline: other, variant: newest };
}

export function ReplayView({ bundled, clips, runs, onFinished, onOpenRun, onOpenAB }: ReplayViewProps) {
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [model, setModel] = useState('');
  const [clip, setClip] = useState('');
  const [frames, setFrames] = useState(10);
  const [detectEvery, setDetectEvery] = useState(1);
  const job = useJob();

  useEffect(() => {
    getApi()
      .listModels({})
      .then(setModels)
      .catch((e: unknown) => setLoadError(errorText(e)));
  }, []);
  const options = detectorOptions(bundled, models);
  const chosenModel = model || options[0]?.value || '';
  const chosenClip = clip || clips[0]?.id || '';

  const start = async () => {
    const r = await job.start((o) => getApi().replay({ model: chosenModel, clip: chosenClip, frames, detectEvery }, o));
    if (r) onFinished();
  };

  return (
    <section aria-labelledby="replay-h">
      <h2 id="replay-h">Replay</h2>
      <ErrorAlert message={loadError ?? job.error} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label>
          Model
          <DetectorSelect testId="replay-model" options={options} value={chosenModel} onChange={setModel} />
        </label>
        <label>
          Clip
          <ClipSelect testId="replay-clip" clips={clips} value={chosenClip} onChange={setClip} />
        </label>
        <label>
          Frames (0 = all)
          <input type="number" min={0} value={frames} onChange={(e) => setFrames(Math.max(0, Math.floor(Number(e.target.value) || 0)))} data-testid="replay-frames" />
        </label>
        <label>
          Detect every Nth frame
          <input type="number" min={1} value={detectEvery} onChange={(e) => setDetectEvery(Math.max(1, Math.floor(Number(e.target.value) || 1)))} data-testid="replay-detect-every" />
        </label>
        <button type="submit" disabled={job.status === 'running' || !chosenModel || !chosenClip} data-testid="start-replay">
          Start
        </button>
      </form>
      {job.status === 'running' && (
        <JobProgress progress={job.progress} label="replay" onCancel={job.cancel} cancelTestId="cancel-replay" />
      )}
      {job.status === 'cancelled' && (
        <p role="status" data-testid="replay-cancelled">
          Replay cancelled; no run was kept.
        </p>
      )}
      {job.status === 'done' && (
        <p role="status" data-testid="replay-done">
          Replay finished.
        </p>
      )}
      <h3>Runs</h3>
      {(() => {
        const pair = onOpenAB && latestPair(runs);
        return (
          pair && (
            <p>
              <button type="button" onClick={() => onOpenAB(pair.baseline.id, pair.variant.id)} data-testid="open-ab">
                Open the last two runs of {pair.variant.clip.name} in A/B
              </button>{' '}
              <span className="muted">
                ({runName(pair.baseline)} vs {runName(pair.variant)})
              </span>
            </p>
          )
        );
      })()}
      <RunsList runs={runs} onOpen={onOpenRun} />
    </section>
  );
}
