// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InspectResult } from '../../../src-shared/types/model';
import { OpHistogram } from '../../../src-renderer/components/OpHistogram';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let info: InspectResult;
beforeAll(async () => {
  t = await realEngine();
  info = await t.engine.inspectModel({ model: 'ssd-mobilenet-v2-coco' });
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('OpHistogram (the bundled SSD inspected)', () => {
  it('draws one bar per op type and counts every node', () => {
    render(<OpHistogram ops={info.ops} />);
    const fig = screen.getByTestId('op-histogram');
    const types = Object.keys(info.ops).length;
    expect(fig.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(types);
    const nodes = Object.values(info.ops).reduce((s, n) => s + n, 0);
    expect(fig.textContent).toContain(`${types} types, ${nodes} nodes`);
  });
});
