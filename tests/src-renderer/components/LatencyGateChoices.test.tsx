// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyMatrix } from '../../../src-shared/types/latency';
import { LatencyGateChoices } from '../../../src-renderer/components/LatencyGateChoices';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let m: LatencyMatrix;
let variant: string;
beforeAll(async () => {
  t = await realEngine();
  const model = await t.engine.importModel({ source: 'blazeface-front' });
  variant = (await t.engine.convertModel({ model: model.id, to: 'int8-weights', calibration: 'cup', frames: 2 })).variant.id;
  await t.engine.importBench({ files: [`${t.bench}/edgelab-template-iphone.json`], variant });
  await t.engine.importBench({ files: [`${t.bench}/ort-perf-test-pixel6-resnet18.log`] });
  m = await t.engine.latency({ minSnrDb: 0 });
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('LatencyGateChoices (real matrix)', () => {
  it('lists each chosen variant with its device, ms and SNR, and the variants not ranked', () => {
    expect(m.gate!.choices.some((c) => c.variant === variant)).toBe(true);
    render(<LatencyGateChoices gate={m.gate!} />);
    const el = screen.getByTestId('latency-gate');
    expect(el.textContent).toContain('SNR ≥ 0 dB');
    for (const c of m.gate!.choices) {
      expect(el.textContent).toContain(c.variant);
      expect(el.textContent).toContain(c.meanMs.toFixed(1));
    }
    for (const u of m.gate!.ungated) expect(el.textContent).toContain(u);
  });

  it('renders nothing when there is nothing to rank', () => {
    const { container } = render(<LatencyGateChoices gate={{ minSnrDb: 30, choices: [], ungated: [] }} />);
    expect(container.innerHTML).toBe('');
  });
});
