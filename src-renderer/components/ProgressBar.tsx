// Progress of a long call: an accessible bar (aria-valuenow in percent) and the stage in words.
import type { Progress } from '../../src-shared/protocol';
import { progressPercent, progressText } from '../lib/format';

export function ProgressBar({ progress, label }: { progress: Progress | null; label: string }) {
  const pct = progressPercent(progress);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div className={pct === null ? 'progress-fill indeterminate' : 'progress-fill'} style={{ width: `${pct ?? 100}%` }} />
      </div>
      <span className="progress-text">
        {pct !== null ? `${pct}% ` : ''}
        {progressText(progress) || 'starting…'}
      </span>
    </div>
  );
}
