// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ParetoScatter } from '../../../src-renderer/components/ParetoScatter';
import { paretoPoints } from '../../../src-renderer/lib/pareto';
import { blazefaceCompared, realEngine, type Compared, type RealEngine } from '../real-engine';

let t: RealEngine;
let c: Compared;
beforeAll(async () => {
  t = await realEngine();
  c = await blazefaceCompared(t.engine);
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('ParetoScatter (points of a real compare)', () => {
  it('plots every point and marks the front in the table', () => {
    const pts = paretoPoints([c.compare], [c.baseline, c.variant], null);
    render(<ParetoScatter points={pts} />);
    const fig = screen.getByTestId('pareto');
    expect(fig.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(pts.length);
    const rows = within(screen.getByTestId('pareto-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-front'))).toEqual(pts.map((p) => String(p.front)));
  });
});
