// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { jobsSnapshot } from '../../../src-renderer/jobs/store';
import { DegradationView } from '../../../src-renderer/views/DegradationView';
import { useBlazefaceCompared } from '../real-engine';

const { t, c } = useBlazefaceCompared();
afterEach(cleanup);

describe('Degradation view (real runs of BlazeFace float32 and int8-weights)', () => {
  it('says what is needed with fewer than two runs', () => {
    render(<DegradationView api={t.engine} runs={[c.baseline]} />);
    expect(screen.getByTestId('degradation-empty').textContent).toMatch(/two runs of the same clip/);
  });

  it('compares the picked runs as a job, then draws a bar per variant for each metric with the gate line, and the Pareto scatter', async () => {
    render(<DegradationView api={t.engine} runs={[c.variant, c.baseline]} />);
    // The float32 run is picked as the baseline by default.
    expect((screen.getByTestId('degradation-baseline') as HTMLSelectElement).value).toBe(c.baseline.id);
    const boxes = screen.getAllByTestId('degradation-variant');
    expect(boxes).toHaveLength(1);
    fireEvent.click(boxes[0]!);
    fireEvent.click(screen.getByTestId('degradation-compare'));
    await waitFor(() => expect(jobsSnapshot().some((j) => j.title === `compare ${c.baseline.id} vs ${c.variant.id}` && j.status === 'done')).toBe(true), { timeout: 60_000 });
    const charts = await screen.findAllByTestId('metric-chart');
    const map50 = charts.find((el) => el.getAttribute('data-metric') === 'map50')!;
    expect(map50.textContent).toContain('gate map50_drop>0.01');
    expect(map50.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(1);
    expect(map50.querySelector('.recharts-reference-line')).not.toBeNull();
    expect(charts.some((el) => el.getAttribute('data-metric') === 'flickerPerMin')).toBe(true);
    // Pareto: one point per run's model (no latency records: this machine's replay time), the smaller variant on the front.
    const pareto = screen.getByTestId('pareto-table');
    const rows = within(pareto).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const variantRow = rows.find((r) => r.textContent!.includes(` · ${c.variant.model.variantKind} · `))!;
    expect(variantRow.getAttribute('data-front')).toBe('true');
    // Measured here, not on a phone: marked as such.
    expect(rows.map((r) => r.getAttribute('data-source'))).toEqual(['workstation', 'workstation']);
    expect(variantRow.textContent).toContain('this workstation');
    expect(variantRow.textContent).toContain(c.compare.detection.map50.toFixed(3));
  });

  it('draws the compares stored in the workspace without recomputing them, with the values over the bars', async () => {
    const stored = await t.engine.listCompares({ run: c.variant.id });
    expect(stored.length).toBeGreaterThan(0);
    render(<DegradationView api={t.engine} runs={[c.variant, c.baseline]} />);
    const charts = await screen.findAllByTestId('metric-chart');
    const map50 = charts.find((el) => el.getAttribute('data-metric') === 'map50')!;
    const v = stored[0]!.result.detection.map50;
    expect(map50.querySelector('.recharts-label-list')!.textContent).toBe(Number.isInteger(v) ? String(v) : v.toFixed(3));
  });

  it('shows the per-layer error of a picked variant', async () => {
    render(<DegradationView api={t.engine} runs={[c.variant, c.baseline]} />);
    await waitFor(() => expect((screen.getByTestId('degradation-layer-variant') as HTMLSelectElement).value).toBe(c.model.variants[0]!.id));
    fireEvent.click(screen.getByRole('button', { name: 'Show per-layer error' }));
    const chart = await screen.findByTestId('layer-error-chart', {}, { timeout: 60_000 });
    const layers = await t.engine.layers({ model: c.model.id, variant: c.model.variants[0]!.id, clip: c.baseline.clip.path, frames: 2 });
    expect(chart.textContent).toContain(`${layers.nodes.length} nodes compared`);
    expect(within(chart).getByTestId('layer-error-table').textContent).toContain(layers.nodes[0]!.name);
  });

  it('scores both runs against a labels file when one is given (the reference says so)', async () => {
    const gt = t.bench.replace(/bench$/, 'gt/cup-first30.coco.json');
    render(<DegradationView api={t.engine} runs={[c.variant, c.baseline]} />);
    fireEvent.click(screen.getAllByTestId('degradation-variant')[0]!);
    fireEvent.change(screen.getByTestId('degradation-gt'), { target: { value: gt } });
    fireEvent.click(screen.getByTestId('degradation-compare'));
    await waitFor(() => expect(screen.getByTestId('degradation-reference').textContent).toContain(`labels ${gt}`), { timeout: 60_000 });
    const stored = (await t.engine.listCompares({ run: c.variant.id })).find((s) => s.gt !== null)!;
    expect(stored.result.baselineVsLabels).toBeTruthy();
  });
});
