// @vitest-environment happy-dom
// Overlay designer on a real engine: settings come from the workspace (getSettings), edits apply live to the
// preview of a real SSD-MobileNetV2 replay, Save writes them to the workspace, and picking an imported device
// record (the Xiaomi Mi11 TFLite benchmark fixture) delays the boxes by its mean latency.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeLabBridge } from '../../../src-shared/bridge';
import type { RunFile } from '../../../src-shared/formats/run';
import type { LatencyRecord } from '../../../src-shared/types/latency';
import { AppDataProvider } from '../../../src-renderer/data/AppData';
import { NavProvider } from '../../../src-renderer/nav';
import { OverlayDesigner } from '../../../src-renderer/views/OverlayDesigner';
import { bridgeOver } from '../engine-bridge';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let run: RunFile;
let record: LatencyRecord;
beforeAll(async () => {
  t = await realEngine();
  const e = t.engine;
  const r = await e.replay({ model: 'ssd-mobilenet-v2-coco', clip: 'cup', frames: 12, detectEvery: 1, thumbnailSize: 0 });
  run = await e.getRun({ run: r.id });
  [record] = (await e.importBench({ files: [`${t.bench}/tflite-mi11-yolov5s-several-runs.md`], device: 'Xiaomi Mi11' })).records as [LatencyRecord];
  await e.saveSettings({ settings: { overlay: { minScore: 0.2, persistMs: 0, smoothing: 0, labelTemplate: '{label}', guideText: 'Show me', guideAfterMs: 2000, device: null } } });
  (globalThis as unknown as { edgelab: EdgeLabBridge }).edgelab = bridgeOver(e);
}, 300_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

const label = () => screen.getByTestId('frame-label').textContent ?? '';
const boxesShown = () => Number(/· (\d+) boxes/.exec(label())?.[1]);

describe('Overlay designer (real engine)', () => {
  it('loads the project settings, applies edits live, saves them, and simulates the picked device’s latency', async () => {
    render(
      <NavProvider initial={{ view: 'overlay', params: { run: run.id } }}>
        <AppDataProvider>
          <OverlayDesigner />
        </AppDataProvider>
      </NavProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('ov-state').textContent).toBe('saved in the project'), { timeout: 30_000 });
    expect((screen.getByTestId('ov-minScore') as HTMLInputElement).value).toBe('0.2');
    expect((screen.getByTestId('ov-label') as HTMLInputElement).value).toBe('{label}');
    await screen.findByTestId('frame-label', {}, { timeout: 30_000 });
    const first = run.summary.firstBoxFrame!;
    const seen = run.frames[first]!.detections.filter((d) => d.score >= 0.2).length;
    expect(label()).toMatch(new RegExp(`^frame ${first} `));
    expect(boxesShown()).toBe(seen);

    fireEvent.change(screen.getByTestId('ov-minScore'), { target: { value: '1' } });
    expect(boxesShown()).toBe(0);
    expect(screen.getByTestId('ov-state').textContent).toBe('unsaved changes');
    fireEvent.change(screen.getByTestId('ov-minScore'), { target: { value: '0.25' } });
    fireEvent.click(screen.getByTestId('ov-save'));
    await waitFor(() => expect(screen.getByTestId('ov-state').textContent).toBe('saved in the project'));
    expect((await t.engine.getSettings({})).overlay.minScore).toBe(0.25);

    // Device speed: the Mi11 record's mean latency delays every box by that many ms of clip time.
    const option = await screen.findByRole('option', { name: new RegExp(`Xiaomi Mi11 .* ${record.latencyMs.mean.toFixed(1)} ms`) }, { timeout: 30_000 });
    fireEvent.change(screen.getByTestId('ov-device'), { target: { value: (option as HTMLOptionElement).value } });
    const last = run.frames.length - 1;
    fireEvent.change(screen.getByTestId('frame-slider'), { target: { value: String(last) } });
    const lateBy = run.frames.filter((f) => f.ptsMs + record.latencyMs.mean <= run.frames[last]!.ptsMs).pop()!.index;
    expect(label()).toContain(`showing frame ${lateBy}`);
    expect(lateBy).toBeLessThan(last);
  });

  it('clearing a number box does not set 0; an unknown {placeholder} is refused with a message naming it', async () => {
    render(
      <NavProvider initial={{ view: 'overlay', params: { run: run.id } }}>
        <AppDataProvider>
          <OverlayDesigner />
        </AppDataProvider>
      </NavProvider>,
    );
    await screen.findByTestId('frame-label', {}, { timeout: 30_000 });
    const box = screen.getByTestId('ov-minScore') as HTMLInputElement;
    const before = boxesShown();
    fireEvent.change(box, { target: { value: '' } });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(boxesShown()).toBe(before); // the setting in force is unchanged (0 would show every box)
    fireEvent.blur(box);
    expect(box.value).not.toBe('');
    const tpl = screen.getByTestId('ov-label') as HTMLInputElement;
    fireEvent.change(tpl, { target: { value: '{label} {scroe}' } });
    expect(screen.getByTestId('ov-label-error').textContent).toContain('{scroe}');
    fireEvent.change(tpl, { target: { value: '{label} {percent}' } });
    expect(screen.queryByTestId('ov-label-error')).toBeNull();
  });

  it('pins a setting as A and compares it side by side with the current one, with the numbers each gives', async () => {
    render(
      <NavProvider initial={{ view: 'overlay', params: { run: run.id } }}>
        <AppDataProvider>
          <OverlayDesigner />
        </AppDataProvider>
      </NavProvider>,
    );
    await screen.findByTestId('frame-label', {}, { timeout: 30_000 });
    fireEvent.change(screen.getByTestId('ov-device'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('ov-minScore'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('ov-pin'));
    fireEvent.change(screen.getByTestId('ov-minScore'), { target: { value: '1' } });
    expect(screen.getByTestId('ov-canvas-a')).toBeTruthy();
    // Over the 12 frames: A (min score 0) shows every box of the run, B (min score 1) none.
    const all = run.frames.reduce((n, f) => n + f.detections.length, 0) / run.frames.length;
    expect(screen.getByTestId('ov-stat-a-boxes').textContent).toBe(all.toFixed(2));
    expect(screen.getByTestId('ov-stat-boxes').textContent).toBe('0.00');
    expect(screen.getByTestId('ov-stat-a-flicker').textContent).toMatch(/^\d+ in [\d.]+ s$/); // 12 frames: a count, not a rate
    fireEvent.click(screen.getByTestId('ov-pin'));
    expect(screen.queryByTestId('ov-canvas-a')).toBeNull();
  });
});
