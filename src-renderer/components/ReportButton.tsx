// Writes the HTML report of the A/B pair (API `report`, baseline first) into the workspace and says where it is.
import { useState } from 'react';
import { getApi } from '../api/host';
import { useJob } from '../hooks/useJob';
import { ErrorAlert } from './ErrorAlert';
import { ProgressBar } from './ProgressBar';

export function ReportButton({ baseline, variant }: { baseline: string; variant: string }) {
  const job = useJob(`report ${baseline} vs ${variant}`);
  const [files, setFiles] = useState<string[] | null>(null);
  const write = async () => {
    setFiles(null);
    const r = await job.start((o) => getApi().report({ runs: [baseline, variant], format: 'html' }, o));
    if (r) setFiles(r.files);
  };
  return (
    <div className="job">
      <button type="button" onClick={() => void write()} disabled={job.status === 'running'} data-testid="ab-report">
        Write HTML report
      </button>
      {job.status === 'running' && (
        <>
          <ProgressBar progress={job.progress} label="report" />
          <button type="button" onClick={job.cancel}>
            Cancel
          </button>
        </>
      )}
      <ErrorAlert message={job.error} />
      {files && (
        <span data-testid="ab-report-files">
          Written: {files.map((f) => (
            <code key={f}>{f} </code>
          ))}
        </span>
      )}
    </div>
  );
}
