// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetBin } from '../../../src-shared/charts/budget-scale';
import { jobsSnapshot } from '../../../src-renderer/jobs/store';
import { LatencyView } from '../../../src-renderer/views/LatencyView';
import { useRealEngine } from '../real-engine';

const t = useRealEngine();
afterEach(cleanup);

/** happy-dom keeps inline colours as written; compare as lower-case hex or rgb(). */
const hexToRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const sameColour = (css: string, hex: string) => css.toLowerCase() === hex.toLowerCase() || css.replace(/\s+/g, ' ') === hexToRgb(hex);

describe('Latency view (real engine, real benchmark files)', () => {
  it('imports bench files from the view, colours each cell against the budget, re-colours when the budget changes, opens a per-op breakdown', async () => {
    render(<LatencyView api={t.engine} />);
    await screen.findByTestId('latency-empty');
    const files = ['tflite-profile-xnnpack-quoted.csv', 'ort-perf-test-pixel6-resnet18.log', 'edgelab-template-pixel3.csv', 'ort-profile-blazeface-cpu.json'];
    fireEvent.change(screen.getByTestId('bench-files'), { target: { value: files.map((f) => `${t.bench}/${f}`).join('\n') } });
    fireEvent.click(screen.getByTestId('bench-import'));
    await screen.findByTestId('bench-imported', {}, { timeout: 60_000 });
    expect(jobsSnapshot().some((j) => j.title === 'import benchmarks' && j.status === 'done')).toBe(true);

    const matrix = await t.engine.latency({ budgetMs: 100 });
    const cells = await screen.findAllByTestId('latency-cell');
    expect(cells).toHaveLength(matrix.cells.length);
    for (const c of matrix.cells) {
      const label = `${c.variant} on ${c.device} · ${c.delegate}: ${c.latencyMs.mean.toFixed(1)} ms`;
      const btn = cells.find((b) => b.getAttribute('aria-label')!.startsWith(label))!;
      expect(btn.textContent).toContain(`${c.latencyMs.mean.toFixed(1)} ms`);
      expect(btn.getAttribute('data-over')).toBe(String(!c.withinBudget));
      expect(sameColour(btn.parentElement!.style.background || btn.parentElement!.style.backgroundColor, budgetBin(c.latencyMs.mean, 100).fill)).toBe(true);
    }

    // A 5 ms budget: the view's verdict per cell is the engine's, and over-budget cells say so in words.
    const tight = await t.engine.latency({ budgetMs: 5 });
    expect(tight.cells.some((c) => c.withinBudget) && tight.cells.some((c) => !c.withinBudget)).toBe(true);
    fireEvent.change(screen.getByTestId('latency-budget'), { target: { value: '5' } });
    await screen.findByText(new RegExp(`${tight.cells.filter((c) => c.withinBudget).length} of ${tight.cells.length} cells within 5 ms`));
    for (const c of tight.cells) {
      const b = screen.getAllByTestId('latency-cell').find((x) => x.getAttribute('aria-label')!.startsWith(`${c.variant} on ${c.device} · ${c.delegate}:`))!;
      expect(b.getAttribute('data-over')).toBe(String(!c.withinBudget));
      expect(/▲ over/.test(b.textContent!)).toBe(!c.withinBudget);
    }

    // A record imported from an op profile opens its per-op breakdown.
    const withOps = matrix.cells.find((c) => c.ops?.length)!;
    expect(withOps).toBeTruthy();
    const btn = screen.getAllByTestId('latency-cell').find((b) => b.getAttribute('aria-label')!.startsWith(`${withOps.variant} on ${withOps.device} · ${withOps.delegate}`))!;
    fireEvent.click(btn);
    const panel = await screen.findByTestId('op-breakdown');
    const slowest = [...withOps.ops!].sort((a, b) => b.avgMs - a.avgMs)[0]!;
    expect(within(panel).getByTestId('op-table').textContent).toContain(slowest.name);
    expect(panel.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0);

    // A record without op profile says so.
    const noOps = matrix.cells.find((c) => !c.ops?.length && !c.opTypes?.length);
    if (noOps) {
      fireEvent.click(screen.getAllByTestId('latency-cell').find((b) => b.getAttribute('aria-label')!.startsWith(`${noOps.variant} on ${noOps.device} · ${noOps.delegate}`))!);
      await screen.findByTestId('op-breakdown-none');
    }
  });

  it('shows a bad benchmark file’s problem in words', async () => {
    render(<LatencyView api={t.engine} />);
    fireEvent.change(screen.getByTestId('bench-files'), { target: { value: `${t.bench}/unknown-boxes.csv` } });
    fireEvent.click(screen.getByTestId('bench-import'));
    const alert = await screen.findByRole('alert', {}, { timeout: 30_000 });
    expect(alert.textContent).toContain('unknown-boxes.csv');
  });

  it('links imported records to a picked variant; lists the fastest variant passing the accuracy gate; the min SNR field re-asks the engine', async () => {
    const m = await t.engine.importModel({ source: 'blazeface-front' });
    const v = (await t.engine.convertModel({ model: m.id, to: 'int8-weights', calibration: 'cup', frames: 2 })).variant;
    render(<LatencyView api={t.engine} />);
    fireEvent.change(screen.getByTestId('bench-files'), { target: { value: `${t.bench}/edgelab-template-iphone.json` } });
    await waitFor(() => expect(screen.getByTestId('bench-variant').querySelectorAll('option')).toHaveLength(3));
    fireEvent.change(screen.getByTestId('bench-variant'), { target: { value: v.id } });
    fireEvent.click(screen.getByTestId('bench-import'));
    await screen.findByTestId('bench-imported', {}, { timeout: 60_000 });
    const linked = (await t.engine.latency({})).cells.filter((c) => c.variant === v.id);
    expect(linked.length).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getAllByTestId('latency-cell').some((b) => b.getAttribute('aria-label')!.startsWith(`${v.id} on `))).toBe(true));
    const snr = v.validation!.snrDb;
    fireEvent.change(screen.getByTestId('latency-min-snr'), { target: { value: String(Math.floor(snr) - 1) } });
    await waitFor(() => expect(screen.getByTestId('latency-gate').textContent).toContain(v.id));
    expect(screen.getByTestId('latency-gate').textContent).toContain(`SNR ≥ ${Math.floor(snr) - 1} dB`);
    fireEvent.change(screen.getByTestId('latency-min-snr'), { target: { value: String(Math.ceil(snr) + 1) } });
    await waitFor(() => expect(screen.queryByTestId('latency-gate')?.textContent ?? '').not.toContain(v.id));
  });
});
