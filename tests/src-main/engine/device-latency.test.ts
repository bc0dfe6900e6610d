// pickRecord: which imported latency record `replay --device` simulates.
import { describe, expect, it } from 'vitest';
import type { LatencyRecord } from '../../../src-shared/types/latency';
import { pickRecord } from '../../../src-main/engine/device-latency';

const rec = (id: string, device: string, delegate: string, extra: Partial<LatencyRecord> = {}): LatencyRecord => ({
  id,
  format: 'edgelab-template',
  device,
  delegate,
  model: 'm.tflite',
  latencyMs: { mean: id.length * 10 },
  source: { file: 'f.csv' },
  ...extra,
});

const records = [rec('a', 'Pixel 3', 'cpu'), rec('bb', 'Pixel 3', 'gpu'), rec('ccc', 'Mi11', 'cpu', { modelSha256: 'S' }), rec('dddd', 'Mi11', 'cpu', { variantId: 'v1' })];

describe('pickRecord', () => {
  it('by id, by device/delegate, by device when one record fits the replayed model', () => {
    expect(pickRecord(records, 'bb', { sha256: 'x' }).id).toBe('bb');
    expect(pickRecord(records, 'pixel 3/GPU', { sha256: 'x' }).id).toBe('bb');
    expect(pickRecord(records, 'Mi11', { sha256: 'S' }).id).toBe('ccc');
    expect(pickRecord(records, 'Mi11', { id: 'v1', sha256: 'x' }).id).toBe('dddd');
  });

  it('ambiguous → BAD_INPUT listing the candidates; unknown → NOT_FOUND listing the devices', () => {
    const e = (() => {
      try {
        pickRecord(records, 'Pixel 3', { sha256: 'x' });
      } catch (x) {
        return x as { code: string; message: string };
      }
    })()!;
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/a cpu.*bb gpu/);
    expect(() => pickRecord(records, 'Nokia', { sha256: 'x' })).toThrow(/Pixel 3, Mi11/);
    expect(() => pickRecord([], 'Nokia', { sha256: 'x' })).toThrow(/import-bench/);
  });
});
