// Jobs: every long call started from this window (jobs/store.ts) with progress, remaining time, Cancel, the error
// in words when it failed (or why it was stopped), and "Clear finished". The list survives a reload of the page.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ProgressBar } from '../components/ProgressBar';
import { cancelJob, clearFinishedJobs, jobsSnapshot, queuePosition, remainingMs, subscribeJobs, type JobRecord } from '../jobs/store';
import { formatDuration } from '../lib/jobs-format';

/** Re-renders once a second while `active`, so that remaining times count down; returns the time now, ms. */
function useNow(active: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [active]);
  return Date.now();
}

function JobRow({ job, now }: { job: JobRecord; now: number }) {
  const left = remainingMs(job, now);
  const took = (job.endedAt ?? now) - job.startedAt;
  const place = queuePosition(job);
  return (
    <tr data-testid="job-row" data-status={job.status} data-queued={place !== null ? place : undefined}>
      <td>{job.title}</td>
      <td>
        {place !== null ? (
          <span className="jobs-status jobs-queued">queued · #{place}</span>
        ) : (
          <span className={`jobs-status jobs-${job.status}`}>{job.status}</span>
        )}
      </td>
      <td>
        {place !== null ? (
          <span className="muted" data-testid="job-queued">
            {job.progress?.message ?? 'waiting for a free slot'}
          </span>
        ) : job.status === 'running' ? <ProgressBar progress={job.progress} label={job.title} /> : job.status === 'failed' ? <span role="alert">{job.error}</span> : job.error ? <span className="muted" data-testid="job-reason">{job.error}</span> : null}
      </td>
      <td className="num" data-testid="job-remaining">
        {place !== null ? 'waiting' : job.status === 'running' ? (left === null ? 'estimating…' : `${formatDuration(left)} left`) : `took ${formatDuration(took)}`}
      </td>
      <td>
        {job.status === 'running' && (
          <button type="button" onClick={() => cancelJob(job.id)} aria-label={`Cancel ${job.title}`}>
            Cancel
          </button>
        )}
      </td>
    </tr>
  );
}

export function JobsView() {
  const jobs = useSyncExternalStore(subscribeJobs, jobsSnapshot, jobsSnapshot);
  const running = jobs.some((j) => j.status === 'running');
  const now = useNow(running);
  const finished = jobs.length - jobs.filter((j) => j.status === 'running').length;
  return (
    <section aria-labelledby="jobs-h">
      <h2 id="jobs-h">Jobs</h2>
      {jobs.length === 0 ? (
        <p className="muted" data-testid="jobs-empty">
          No jobs yet. Long work started in this window or tab (convert, calibrate, replay, compare, import, report, lab) appears here with its progress and a Cancel button.
        </p>
      ) : (
        <>
          <button type="button" disabled={finished === 0} onClick={clearFinishedJobs}>
            Clear finished ({finished})
          </button>
          <table className="table" data-testid="jobs-table">
            <thead>
              <tr>
                <th>Job</th>
                <th>Status</th>
                <th>Progress / error</th>
                <th>Time</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...jobs].reverse().map((j) => (
                <JobRow key={j.id} job={j} now={now} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
