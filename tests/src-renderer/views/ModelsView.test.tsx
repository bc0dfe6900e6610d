// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BundledClip, BundledModel } from '../../../src-shared/types/model';
import { formatBytes } from '../../../src-renderer/lib/format';
import { jobsSnapshot } from '../../../src-renderer/jobs/store';
import { ModelsView } from '../../../src-renderer/views/ModelsView';
import { bareYoloModel, realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let bundled: { models: BundledModel[]; clips: BundledClip[] };
beforeAll(async () => {
  t = await realEngine();
  bundled = await t.engine.listBundled({});
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

const rowOf = (id: string) => screen.getAllByTestId(/workspace-row|variant-row/).find((r) => r.getAttribute('data-model-id') === id);

describe('Models & variants view (real engine)', () => {
  it('empty workspace: says what to do, bundled models show their size; "use the bundled one" imports SSD', async () => {
    render(<ModelsView api={t.engine} bundled={bundled.models} clips={bundled.clips} />);
    const empty = await screen.findByTestId('models-empty');
    expect(empty.textContent).toMatch(/No models yet.*Import one/);
    const ssd = bundled.models.find((m) => m.id === 'ssd-mobilenet-v2-coco')!;
    const ssdRow = screen.getAllByTestId('bundled-row').find((r) => r.getAttribute('data-model-id') === ssd.id)!;
    expect(ssdRow.textContent).toContain(formatBytes(ssd.sizeBytes));
    fireEvent.click(within(empty).getByRole('button', { name: /Use the bundled SSD-MobileNetV2/ }));
    const row = await screen.findByTestId('workspace-row', {}, { timeout: 60_000 });
    const [entry] = await t.engine.listModels({});
    expect(row.getAttribute('data-model-id')).toBe(entry!.id);
    expect(within(row).getByTestId('size').textContent).toBe(formatBytes(entry!.sizeBytes));
    expect(row.textContent).toContain('none');
    expect(screen.queryByTestId('models-empty')).toBeNull();
    expect(jobsSnapshot().some((j) => j.title === 'import ssd-mobilenet-v2-coco' && j.status === 'done')).toBe(true);
  });

  it('a model imported without metadata: a notice says to add a sidecar and which decoder layouts fit', async () => {
    const file = await bareYoloModel(t.dir);
    render(<ModelsView api={t.engine} bundled={bundled.models} clips={bundled.clips} />);
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: file } });
    fireEvent.submit(screen.getByTestId('import-path').closest('form')!);
    const notice = await screen.findByTestId('import-needs-meta', {}, { timeout: 60_000 });
    expect(notice.textContent).toContain('desk-yolo was imported without metadata');
    expect(notice.textContent).toContain('yolo-v8: output0 [1, 95, 1917] (C = 91)');
  });

  it('makes a variant from the form (kind, clip, frames) with progress; the table shows its size, SNR and lineage', async () => {
    const face = await t.engine.importModel({ source: 'blazeface-front' });
    render(<ModelsView api={t.engine} bundled={bundled.models} clips={bundled.clips} />);
    await waitFor(() => expect(rowOf(face.id)).toBeTruthy());
    fireEvent.change(screen.getByTestId('variant-model'), { target: { value: face.id } });
    fireEvent.change(screen.getByTestId('variant-kind'), { target: { value: 'int8-weights' } });
    fireEvent.change(screen.getByTestId('variant-frames'), { target: { value: '2' } });
    const clipPath = t.bench.replace(/tests\/fixtures\/bench$/, 'samples/vtest.avi'); // a path instead of a bundled clip id
    fireEvent.change(screen.getByTestId('variant-clip-path'), { target: { value: clipPath } });
    fireEvent.click(screen.getByTestId('variant-submit'));
    expect(await screen.findByRole('progressbar', { name: `convert ${face.id} → int8-weights` })).toBeTruthy();
    const made = await screen.findByTestId('variant-made', {}, { timeout: 60_000 });
    const v = (await t.engine.listModels({})).find((m) => m.id === face.id)!.variants[0]!;
    expect(made.textContent).toContain(v.id);
    const vr = await waitFor(() => rowOf(v.id)!);
    expect(vr.getAttribute('data-testid')).toBe('variant-row');
    expect(within(vr).getByTestId('size').textContent).toBe(formatBytes(v.sizeBytes));
    expect(vr.textContent).toContain(v.validation!.snrDb.toFixed(1));
    expect(vr.textContent).toContain(`${face.id} → int8-weights`);
    expect(v.lineage!.calibration).toBe(clipPath);
    expect(vr.textContent).toContain(`calib ${clipPath}`);
    expect(rowOf(face.id)!.textContent).toContain(`int8-weights (${formatBytes(v.sizeBytes)})`);
  });

  it('int8 shows the calibration fields (method, excluded nodes, target SNR); Cancel stops the convert and keeps nothing', async () => {
    const face = (await t.engine.listModels({})).find((m) => m.id.startsWith('blazeface'))!;
    const before = face.variants.length;
    render(<ModelsView api={t.engine} bundled={bundled.models} clips={bundled.clips} />);
    await waitFor(() => expect(rowOf(face.id)).toBeTruthy());
    fireEvent.change(screen.getByTestId('variant-model'), { target: { value: face.id } });
    fireEvent.change(screen.getByTestId('variant-kind'), { target: { value: 'fp16' } });
    expect(screen.queryByTestId('variant-method')).toBeNull(); // fp16 needs no calibration method
    fireEvent.change(screen.getByTestId('variant-kind'), { target: { value: 'int8' } });
    fireEvent.change(screen.getByTestId('variant-frames'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('variant-method'), { target: { value: 'percentile' } });
    fireEvent.change(screen.getByTestId('variant-exclude'), { target: { value: 'no-such-node' } });
    fireEvent.change(screen.getByTestId('variant-target-snr'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('variant-submit'));
    const cancel = await screen.findByTestId('variant-cancel');
    fireEvent.click(cancel);
    await screen.findByTestId('variant-cancelled', {}, { timeout: 60_000 });
    expect((await t.engine.listModels({})).find((m) => m.id === face.id)!.variants).toHaveLength(before);
    expect(jobsSnapshot().find((j) => j.title === `convert ${face.id} → int8`)?.status).toBe('cancelled');
  });

  it('inspects a model (inputs, outputs, op histogram) and a variant’s per-layer error vs its source', async () => {
    const face = (await t.engine.listModels({})).find((m) => m.id.startsWith('blazeface'))!;
    const v = face.variants[0]!;
    render(<ModelsView api={t.engine} bundled={bundled.models} clips={bundled.clips} />);
    await waitFor(() => expect(rowOf(v.id)).toBeTruthy());
    fireEvent.click(within(rowOf(v.id)!).getByRole('button', { name: 'Inspect' }));
    const panel = await screen.findByTestId('inspect-panel');
    const info = await t.engine.inspectModel({ model: v.id });
    await waitFor(() => expect(within(panel).getByTestId('inspect-summary').textContent).toContain(formatBytes(info.sizeBytes)));
    expect(within(panel).getByRole('table', { name: 'inputs' }).textContent).toContain(info.inputs[0]!.name);
    expect(within(panel).getByTestId('op-histogram').querySelectorAll('.recharts-bar-rectangle').length).toBe(Object.keys(info.ops).length);
    fireEvent.click(within(panel).getByRole('button', { name: `Per-layer error vs ${face.id}` }));
    const chart = await within(panel).findByTestId('layer-error-chart', {}, { timeout: 60_000 });
    expect(chart.textContent).toMatch(/nodes compared/);
    expect(within(chart).getByTestId('layer-error-table').querySelectorAll('tbody tr').length).toBeGreaterThan(0);
    // Mixed precision from here: the form is pre-filled with an int8 variant of the source keeping the nodes that
    // lose most SNR themselves in float.
    const layers = await t.engine.layers({ model: face.id, variant: v.id, clip: bundled.clips[0]!.id, frames: 2 });
    const worst = [...layers.nodes].sort((a, b) => b.snrDropDb - a.snrDropDb).slice(0, 3).map((n) => n.name);
    fireEvent.click(within(panel).getByTestId('keep-worst-float'));
    await waitFor(() => expect((screen.getByTestId('variant-kind') as HTMLSelectElement).value).toBe('int8'));
    expect((screen.getByTestId('variant-model') as HTMLSelectElement).value).toBe(face.id);
    expect((screen.getByTestId('variant-exclude') as HTMLTextAreaElement).value.split('\n')).toEqual(worst);
    fireEvent.change(screen.getByTestId('variant-frames'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('variant-submit'));
    const made = await screen.findByTestId('variant-made', {}, { timeout: 120_000 });
    const int8 = (await t.engine.listModels({})).find((m) => m.id === face.id)!.variants.find((x) => x.kind === 'int8')!;
    expect(made.textContent).toContain(int8.id);
    expect(made.textContent).toContain(`, ${int8.folded!.length} activations folded into their quantized producer.`); // BlazeFace's Relus
    // Kept in float: the result's entries (nodes, op types, groups) counted as entries, never as "N nodes".
    expect(int8.keptFloat!.length).toBeGreaterThan(0);
    expect(made.textContent).not.toMatch(/\d+ nodes kept in float/);
    expect(screen.getByTestId('variant-kept-float').textContent).toBe(`, kept in float: ${int8.keptFloat!.length} ${int8.keptFloat!.length === 1 ? 'entry' : 'entries'} (${int8.keptFloat!.slice(0, 4).join(', ')}${int8.keptFloat!.length > 4 ? ', …' : ''})`);
    expect([...(int8.lineage!.options.exclude as string[])].sort()).toEqual([...worst].sort());
  });

  it('shows a variant’s mAP@0.5 drop from the compares stored in the workspace', async () => {
    const face = (await t.engine.listModels({})).find((m) => m.id.startsWith('blazeface'))!;
    const v = face.variants[0]!;
    const base = await t.engine.replay({ model: face.id, clip: 'cup', frames: 6, thumbnailSize: 0 });
    const run = await t.engine.replay({ model: v.id, clip: 'cup', frames: 6, thumbnailSize: 0 });
    const cmp = await t.engine.compare({ baseline: base.id, variant: run.id });
    const drop = cmp.verdict.checks.find((k) => k.metric === 'map50_drop')!.value!;
    render(<ModelsView api={t.engine} bundled={bundled.models} clips={bundled.clips} runs={await t.engine.listRuns({})} />);
    await waitFor(() => expect(rowOf(v.id)!.textContent).toContain(`${(drop * 100).toFixed(1)} pt`));
  });
});
