// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jobsSnapshot } from '../../../src-renderer/jobs/store';
import { useTitledJob } from '../../../src-renderer/jobs/useTitledJob';
import { useRealEngine } from '../real-engine';

const t = useRealEngine();

describe('useTitledJob (real engine calls)', () => {
  it('registers each call in the jobs store under its own title, with progress, and returns the result', async () => {
    const { result } = renderHook(() => useTitledJob());
    let entry: unknown;
    await act(async () => {
      entry = await result.current.start('import blazeface-front', (o) => t.engine.importModel({ source: 'blazeface-front' }, o));
    });
    expect(entry).toMatchObject({ name: expect.stringMatching(/BlazeFace/) });
    expect(result.current).toMatchObject({ status: 'done', title: 'import blazeface-front', error: null });
    expect(result.current.progress).not.toBeNull();
    expect(jobsSnapshot().at(-1)).toMatchObject({ title: 'import blazeface-front', status: 'done' });
  });

  it('a failure gives undefined and the error in words; cancel gives undefined and status cancelled', async () => {
    const { result } = renderHook(() => useTitledJob());
    await act(async () => {
      expect(await result.current.start('import nothing', (o) => t.engine.importModel({ source: '/no/such/model.onnx' }, o))).toBeUndefined();
    });
    expect(result.current.status).toBe('failed');
    expect(result.current.error).toMatch(/no\/such\/model\.onnx/);

    let pending!: Promise<unknown>;
    act(() => {
      pending = result.current.start('replay all of cup', (o) => t.engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 0, thumbnailSize: 0 }, o));
    });
    await waitFor(() => expect(result.current.progress).not.toBeNull(), { timeout: 60_000 });
    act(() => result.current.cancel());
    await act(async () => {
      expect(await pending).toBeUndefined();
    });
    expect(result.current.status).toBe('cancelled');
    expect(jobsSnapshot().at(-1)).toMatchObject({ title: 'replay all of cup', status: 'cancelled' });
    expect(await t.engine.listRuns({})).toHaveLength(0);
  });
});
