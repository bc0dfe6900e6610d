// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ParetoScatter } from '../../../src-renderer/components/ParetoScatter';
import { paretoPoints } from '../../../src-renderer/lib/pareto';
import { useBlazefaceCompared } from '../real-engine';

const { t, c } = useBlazefaceCompared();
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
