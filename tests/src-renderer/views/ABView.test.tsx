// @vitest-environment happy-dom
// Replay A/B on a real engine (SSD-MobileNetV2 float32 vs its uint8 variant on 12 frames of cup.mp4, detector
// every 3rd frame: the variant misses objects the float model boxes, so there are compare events), reached
// the way the app reaches it: getApi() over the Electron bridge shape (window.edgelab), here carried in-process.
// JPEGs are decoded with jpeg-js in place of the browser's createImageBitmap (happy-dom has none).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import jpeg from 'jpeg-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeLabBridge } from '../../../src-shared/bridge';
import { bridgeOver } from '../engine-bridge';
import type { RunSummary } from '../../../src-shared/formats/run';
import type { CompareResult } from '../../../src-shared/types/degradation';
import { AppDataProvider } from '../../../src-renderer/data/AppData';
import { NavProvider } from '../../../src-renderer/nav';
import { ABView } from '../../../src-renderer/views/ABView';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let baseline: RunSummary;
let variant: RunSummary;
let compare: CompareResult;
beforeAll(async () => {
  t = await realEngine();
  const e = t.engine;
  const m = await e.importModel({ source: 'ssd-mobilenet-v2-coco' });
  const v = await e.convertModel({ model: m.id, to: 'uint8', calibration: 'cup', frames: 2 });
  baseline = await e.replay({ model: m.id, clip: 'cup', frames: 12, detectEvery: 3, thumbnailSize: 160 });
  variant = await e.replay({ model: v.variant.id, clip: 'cup', frames: 12, detectEvery: 3, thumbnailSize: 160 });
  compare = await e.compare({ baseline: baseline.id, variant: variant.id });
  (globalThis as unknown as { edgelab: EdgeLabBridge }).edgelab = bridgeOver(e);
  (globalThis as unknown as { createImageBitmap: (b: Blob) => Promise<unknown> }).createImageBitmap = async (b: Blob) => {
    const d = jpeg.decode(new Uint8Array(await b.arrayBuffer()), { useTArray: true });
    return { width: d.width, height: d.height, close() {} };
  };
}, 300_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

const frameNo = () => Number(/^frame (\d+)/.exec(screen.getByTestId('frame-label').textContent ?? '')?.[1]);

describe('Replay A/B (real engine)', () => {
  it('shows the pair, the stored compare’s verdict and one timeline mark per event; ]/[ and arrows move the synced playhead', async () => {
    render(
      <NavProvider initial={{ view: 'ab', params: { baseline: baseline.id, variant: variant.id } }}>
        <AppDataProvider>
          <ABView />
        </AppDataProvider>
      </NavProvider>,
    );
    const verdict = await screen.findByTestId('ab-verdict', {}, { timeout: 60_000 });
    expect(verdict.textContent).toContain(`${compare.events.length} events`);
    expect(verdict.textContent).toContain(compare.verdict.pass ? 'PASS' : 'FAIL');
    expect((screen.getByTestId('ab-baseline') as HTMLSelectElement).value).toBe(baseline.id);
    expect((screen.getByTestId('ab-variant') as HTMLSelectElement).value).toBe(variant.id);
    await screen.findByTestId('frame-label');
    expect(screen.getByTestId('frame-label').textContent).toMatch(/^frame 0 \/ 11 · 0\.00 s · A detected, B detected/);
    expect(compare.events.length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('event-mark')).toHaveLength(compare.events.length);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(screen.getByTestId('frame-label').textContent).toMatch(/^frame 1 .*A tracked, B tracked/);
    expect(screen.getByTestId('canvas-a').getAttribute('aria-label')).toMatch(/frame 1$/);
    const frames = [...new Set(compare.events.map((e) => e.frame))].sort((a, b) => a - b);
    const next = frames.find((f) => f > 1);
    fireEvent.keyDown(window, { key: ']' });
    expect(frameNo()).toBe(next ?? 1);
    if (next !== undefined) {
      const panel = screen.getByTestId('event-panel');
      expect(within(panel).getAllByTestId('event-item')).toHaveLength(compare.events.filter((e) => e.frame === next).length);
      // the variant's per-layer error on that very frame (layers with startFrame), from the real engine
      const table = await within(panel).findByTestId('layer-table', {}, { timeout: 120_000 });
      expect(within(panel).getByTestId('layer-panel').textContent).toContain(`frame ${next}`);
      expect(table.querySelectorAll('tbody tr').length).toBeGreaterThan(0);
    }
    fireEvent.keyDown(window, { key: '[' });
    expect(frameNo()).toBe(frames.filter((f) => f < (next ?? 1)).pop() ?? (next ?? 1));
    await waitFor(() => expect(screen.queryAllByRole('alert')).toHaveLength(0));
  });

  it('without two runs of one clip, says what to do next', async () => {
    render(
      <NavProvider initial={{ view: 'ab', params: { baseline: baseline.id } }}>
        <AppDataProvider>
          <ABView />
        </AppDataProvider>
      </NavProvider>,
    );
    const pick = await screen.findByTestId('ab-variant', {}, { timeout: 30_000 });
    expect((pick as HTMLSelectElement).value).toBe('');
    expect(screen.queryByTestId('ab-verdict')).toBeNull();
  });
});
