import { describe, expect, it } from 'vitest';
import type { LatencyCell } from '../../../src-shared/types/latency';
import { deviceLatencyMs } from '../../../src-renderer/state/deviceLatency';

const cell = (recordId: string, device: string, mean: number): LatencyCell => ({ device, delegate: 'cpu', variant: 'v', recordId, latencyMs: { mean }, withinBudget: mean <= 100 });

describe('deviceLatencyMs', () => {
  const cells = [cell('rec-1', 'Pixel 7', 42.5), cell('rec-2', 'Galaxy A14', 180)];
  it('takes the picked record’s mean, by record id or else by device name', () => {
    expect(deviceLatencyMs(cells, 'rec-2')).toBe(180);
    expect(deviceLatencyMs(cells, 'Pixel 7')).toBe(42.5);
  });
  it('is 0 (no delay) when nothing is picked or the record is gone', () => {
    expect(deviceLatencyMs(cells, null)).toBe(0);
    expect(deviceLatencyMs(cells, 'rec-9')).toBe(0);
  });
});
