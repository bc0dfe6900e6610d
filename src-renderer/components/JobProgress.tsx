// A running job's progress bar with its Cancel button (shown by the caller while the job runs).
import type { Progress } from '../../src-shared/protocol';
import { ProgressBar } from './ProgressBar';

export function JobProgress({ progress, label, onCancel, cancelTestId }: { progress: Progress | null; label: string; onCancel: () => void; cancelTestId?: string }) {
  return (
    <div className="job">
      <ProgressBar progress={progress} label={label} />
      <button type="button" data-testid={cancelTestId} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
