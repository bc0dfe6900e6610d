// @vitest-environment happy-dom
// SweepChart on a real sweep (SSD ONNX, 12 frames of cup.mp4, cadences 1,3,motion): one panel per SWEEP_METRICS
// key with a point per row, the gate lines of the sweep's gates (absolute at the limit, drops at 1 − limit), and a
// click on a point hands its row to onOpen (→ A/B against every frame).
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SWEEP_METRICS, type SweepResult, type SweepRow } from '../../../src-shared/types/sweep';
import { SweepChart } from '../../../src-renderer/components/SweepChart';
import { gateLinesFor, sweepPanels } from '../../../src-renderer/lib/sweep';
import { useRealEngine } from '../real-engine';

const t = useRealEngine();
let r: SweepResult;
beforeAll(async () => {
  r = await t.engine.sweep({ model: 'ssd-mobilenet-v2-coco-onnx', clip: 'cup', frames: 12, cadences: [1, 3, 'motion'], thumbnailSize: 0, failOn: 'map50_drop>0.05,map50<0.5' });
}, 120_000);
afterEach(cleanup);

describe('SweepChart (a real sweep)', () => {
  it('gate lines: absolute gates at their limit, drop gates at 1 − limit against every frame, none on other metrics', () => {
    expect(gateLinesFor('map50', 'map50_drop>0.05,map50<0.5', 'every-frame')).toEqual([0.95, 0.5]);
    expect(gateLinesFor('map50', 'map50_drop>0.05', 'labels')).toEqual([]);
    expect(gateLinesFor('idf1', 'map50_drop>0.05,flickerPerMin>2', 'every-frame')).toEqual([]);
    expect(gateLinesFor('flickerPerMin', 'flickerPerMin>2', 'every-frame')).toEqual([2]);
  });

  it('one panel per metric with a point per row; the pick marked; a click opens that row', () => {
    const panels = sweepPanels(r);
    expect(panels.map((p) => p.key)).toEqual([...SWEEP_METRICS]);
    expect(panels[0].points.map((p) => p.cadence)).toEqual(['1', '3', 'motion']);
    expect(panels[0].points.filter((p) => p.pick).map((p) => p.cadence)).toEqual(r.pick ? [String(r.pick.cadence)] : []);
    const opened: SweepRow[] = [];
    render(<SweepChart result={r} onOpen={(row) => opened.push(row)} />);
    for (const k of SWEEP_METRICS) expect(screen.getByTestId(`sweep-panel-${k}`).querySelectorAll('.recharts-scatter-symbol').length).toBe(3);
    const sym = screen.getByTestId('sweep-panel-map50').querySelector('.recharts-scatter-symbol')!;
    fireEvent.click(sym);
    expect(opened).toHaveLength(1);
    expect(r.rows.map((w) => w.runId)).toContain(opened[0].runId);
  });
});
