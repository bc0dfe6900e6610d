// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LayersResult } from '../../../src-shared/types/layers';
import { LayerErrorChart } from '../../../src-renderer/components/LayerErrorChart';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let layers: LayersResult;
beforeAll(async () => {
  t = await realEngine();
  const m = await t.engine.importModel({ source: 'blazeface-front' });
  const v = await t.engine.convertModel({ model: m.id, to: 'int8-weights', calibration: 'cup', frames: 2 });
  layers = await t.engine.layers({ model: m.id, variant: v.variant.id, clip: 'cup', frames: 2 });
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('LayerErrorChart (a real `layers` result)', () => {
  it('draws the worst nodes (at most 20) worst first, and tabulates the top ones', () => {
    render(<LayerErrorChart result={layers} />);
    const fig = screen.getByTestId('layer-error-chart');
    expect(fig.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(Math.min(20, layers.nodes.length));
    const first = within(fig).getByTestId('layer-error-table').querySelector('tbody tr')!;
    expect(first.textContent).toContain(layers.nodes[0]!.name);
    expect(first.textContent).toContain(layers.nodes[0]!.snrDb.toFixed(1));
    expect(fig.textContent).toContain(`${layers.nodes.length} nodes compared`);
    // Every axis tick carries the node's full name in its title (long names are cut on the axis, never lost).
    const ticks = within(fig).getAllByTestId('layer-tick');
    expect(ticks.map((t) => t.querySelector('title')!.textContent)).toEqual(layers.nodes.slice(0, 20).map((n) => `${n.name} (${n.op})`));
    for (const tk of ticks) expect(tk.querySelector('text')!.textContent!.length).toBeLessThanOrEqual(46);
  });
});
