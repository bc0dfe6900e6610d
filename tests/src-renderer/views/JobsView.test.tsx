// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearFinishedJobs, jobsSnapshot, runJob } from '../../../src-renderer/jobs/store';
import { JobsView } from '../../../src-renderer/views/JobsView';
import { useRealEngine } from '../real-engine';

// One long job at a time, so that a second one visibly waits in the engine's queue.
const t = useRealEngine({ maxJobs: 1 });
afterEach(cleanup);

describe('Jobs view (real engine calls through the jobs store)', () => {
  it('says what appears here when nothing ran yet', () => {
    render(<JobsView />);
    expect(screen.getByTestId('jobs-empty').textContent).toMatch(/convert.*replay.*compare/);
  });

  it('lists a finished, a failed (error in words) and a running job; Cancel really cancels; Clear finished keeps the running', async () => {
    render(<JobsView />);
    await act(() => runJob('import blazeface-front', (o) => t.engine.importModel({ source: 'blazeface-front' }, o)));
    await act(() => runJob('import /nope/model.onnx', (o) => t.engine.importModel({ source: '/nope/model.onnx' }, o)).catch(() => undefined));
    const replay = runJob('replay blazeface on cup', (o) => t.engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 0, thumbnailSize: 0 }, o)).catch((e: unknown) => e);

    const rows = () => screen.getAllByTestId('job-row');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((r) => r.getAttribute('data-status'))).toEqual(['running', 'failed', 'done']); // newest first
    const failed = rows()[1]!;
    expect(within(failed).getByRole('alert').textContent).toMatch(/nope\/model\.onnx/);
    expect(within(rows()[2]!).getByTestId('job-remaining').textContent).toMatch(/^took /);

    const running = rows()[0]!;
    expect(within(running).getByRole('progressbar', { name: 'replay blazeface on cup' })).toBeTruthy();
    await waitFor(() => expect(jobsSnapshot().at(-1)!.progress).not.toBeNull(), { timeout: 60_000 });
    fireEvent.click(within(running).getByRole('button', { name: 'Cancel replay blazeface on cup' }));
    expect(await replay).toMatchObject({ code: 'CANCELLED' });
    await waitFor(() => expect(rows()[0]!.getAttribute('data-status')).toBe('cancelled'));
    expect(await t.engine.listRuns({})).toHaveLength(0); // the cancelled replay kept nothing

    const keep = runJob('replay again', (o) => t.engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 0, thumbnailSize: 0 }, o)).catch((e: unknown) => e);
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(screen.getByRole('button', { name: /Clear finished \(3\)/ }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('replay again');
    fireEvent.click(within(rows()[0]!).getByRole('button', { name: /Cancel/ }));
    expect(await keep).toMatchObject({ code: 'CANCELLED' });
    act(() => clearFinishedJobs());
    expect(screen.getByTestId('jobs-empty')).toBeTruthy();
  });

  it('shows a job waiting in the engine queue as queued with its place, then running; Cancel while queued cancels it', async () => {
    render(<JobsView />);
    const first = runJob('replay first', (o) => t.engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 0, thumbnailSize: 0 }, o)).catch((e: unknown) => e);
    const second = runJob('replay second', (o) => t.engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 2, thumbnailSize: 0 }, o));
    const third = runJob('replay third', (o) => t.engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 2, thumbnailSize: 0 }, o)).catch((e: unknown) => e);
    const row = (title: string) => screen.getAllByTestId('job-row').find((r) => r.textContent?.includes(title))!;
    await waitFor(() => expect(row('replay third').getAttribute('data-queued')).toBe('2'));
    expect(row('replay second').getAttribute('data-queued')).toBe('1');
    expect(row('replay second').textContent).toMatch(/queued · #1/);
    expect(within(row('replay second')).getByTestId('job-queued').textContent).toMatch(/1 running \(limit 1\)/);
    expect(row('replay first').getAttribute('data-queued')).toBeNull();
    fireEvent.click(within(row('replay third')).getByRole('button', { name: 'Cancel replay third' }));
    expect(await third).toMatchObject({ code: 'CANCELLED' });
    fireEvent.click(within(row('replay first')).getByRole('button', { name: 'Cancel replay first' }));
    expect(await first).toMatchObject({ code: 'CANCELLED' });
    expect((await second).frames).toBe(2);
    await waitFor(() => expect(row('replay second').getAttribute('data-status')).toBe('done'));
    expect(row('replay second').getAttribute('data-queued')).toBeNull();
    act(() => clearFinishedJobs());
  }, 120_000);
});
