// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../src-shared/types/model';
import { ModelsTable } from '../../../src-renderer/components/ModelsTable';
import { formatBytes } from '../../../src-renderer/lib/format';
import { modelRows, type ModelRow } from '../../../src-renderer/lib/models-table';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let models: ModelEntry[];
beforeAll(async () => {
  t = await realEngine();
  const m = await t.engine.importModel({ source: 'blazeface-front' });
  await t.engine.convertModel({ model: m.id, to: 'fp16', calibration: 'cup', frames: 2 });
  models = await t.engine.listModels({});
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('ModelsTable (a real workspace: BlazeFace + its fp16 variant)', () => {
  it('a model row summarises its variants; the variant row shows size, validation and lineage; fp16 cannot be made twice', () => {
    const inspected: ModelRow[] = [];
    const fp16: string[] = [];
    const rows = modelRows(models, null, {});
    render(<ModelsTable models={models} rows={rows} devices={[]} busy={false} onInspect={(r) => inspected.push(r)} onFp16={(id) => fp16.push(id)} />);
    const [m] = models;
    const v = m!.variants[0]!;
    const mRow = screen.getByTestId('workspace-row');
    expect(mRow.textContent).toContain(`fp16 (${formatBytes(v.sizeBytes)})`);
    expect((within(mRow).getByRole('button', { name: 'Make fp16' }) as HTMLButtonElement).disabled).toBe(true);
    const vRow = screen.getByTestId('variant-row');
    expect(within(vRow).getByTestId('size').textContent).toBe(formatBytes(v.sizeBytes));
    expect(vRow.textContent).toContain(v.validation!.cosine.toFixed(4));
    expect(within(vRow).queryByRole('button', { name: 'Make fp16' })).toBeNull();
    fireEvent.click(within(vRow).getByRole('button', { name: 'Inspect' }));
    expect(inspected.map((r) => [r.id, r.parentId])).toEqual([[v.id, m!.id]]);
    expect(fp16).toEqual([]);
  });

  it('adds a latency column per device · delegate', () => {
    const rows = modelRows(models, null, {});
    rows[1]!.latencyMs['Pixel 3 · gpu'] = 12.34;
    render(<ModelsTable models={models} rows={rows} devices={['Pixel 3 · gpu']} busy={false} onInspect={() => undefined} onFp16={() => undefined} />);
    expect(screen.getByRole('columnheader', { name: 'Pixel 3 · gpu' })).toBeTruthy();
    expect(screen.getByTestId('variant-row').textContent).toContain('12.3 ms');
    expect(screen.getByTestId('workspace-row').textContent).toContain('–');
  });
});
