import { describe, expect, it } from 'vitest';
import type { LatencyRecord } from '../../../src-shared/types/latency';
import { buildMatrix, type VariantInfo } from '../../../src-main/benchmarks/matrix';

let n = 0;
function rec(device: string, delegate: string, variant: string, mean: number, extra: Partial<LatencyRecord> = {}): LatencyRecord {
  n++;
  return { id: `r${n}`, format: 'edgelab-template', device, delegate, model: `${variant}.tflite`, variantId: variant, latencyMs: { mean }, source: { file: 'f', line: n }, importedAt: '2026-01-01T00:00:00.000Z', ...extra };
}
const OPTS = { budgetMs: 100, detectEvery: 1, trackerMs: 0, embedsPerFrame: 1, minSnrDb: 30 };

describe('latency matrix', () => {
  const records = [
    rec('Pixel 3', 'cpu', 'ssd', 120),
    rec('Pixel 3', 'gpu', 'ssd', 30),
    rec('Pixel 3', 'cpu', 'ssd-int8', 70),
    rec('Pixel 3', 'cpu', 'ssd-fp16', 118),
    rec('Pixel 3', 'cpu', 'face-embed', 12),
    rec('Pixel 3', 'gpu', 'face-embed', 4),
  ];
  it('one cell per device × delegate × variant, budget flag at the boundary', () => {
    const m = buildMatrix(records, { ...OPTS, budgetMs: 118 });
    expect(m.cells).toHaveLength(6);
    expect(m.devices).toEqual(['Pixel 3']);
    expect(m.delegates).toEqual(['cpu', 'gpu']);
    expect(m.variants).toEqual(['face-embed', 'ssd', 'ssd-fp16', 'ssd-int8']);
    const cell = (d: string, v: string) => m.cells.find((c) => c.delegate === d && c.variant === v)!;
    expect(cell('cpu', 'ssd').withinBudget).toBe(false);
    expect(cell('cpu', 'ssd-fp16').withinBudget).toBe(true); // 118 ≤ 118
    expect(m.records).toBe(6);
  });
  it('the newest record of a key is shown and the others counted', () => {
    const older = rec('Pixel 3', 'gpu', 'ssd', 50, { importedAt: '2025-01-01T00:00:00.000Z' });
    const m = buildMatrix([older, ...records], OPTS);
    const c = m.cells.find((x) => x.delegate === 'gpu' && x.variant === 'ssd')!;
    expect(c.latencyMs.mean).toBe(30);
    expect(c.records).toBe(2);
  });
  it('end-to-end = detector / cadence + tracker + embedder × embeds, per device × delegate', () => {
    const m = buildMatrix(records, { ...OPTS, detectEvery: 3, trackerMs: 2, embedder: 'face-embed', embedsPerFrame: 2 });
    const cpu = m.cells.find((c) => c.delegate === 'cpu' && c.variant === 'ssd')!;
    expect(cpu.endToEndMs).toBeCloseTo(120 / 3 + 2 + 12 * 2, 9);
    expect(cpu.endToEndWithinBudget).toBe(true);
    const gpu = m.cells.find((c) => c.delegate === 'gpu' && c.variant === 'ssd')!;
    expect(gpu.endToEndMs).toBeCloseTo(30 / 3 + 2 + 4 * 2, 9);
    expect(m.cells.find((c) => c.variant === 'face-embed')!.endToEndMs).toBeUndefined();
    expect(m.endToEnd).toEqual({ detectEvery: 3, trackerMs: 2, embedder: 'face-embed', embedsPerFrame: 2, missingEmbedder: [] });
  });
  it('without an embedder figure on a device × delegate the estimate is left out and listed', () => {
    const m = buildMatrix([...records, rec('Pixel 7', 'nnapi', 'ssd', 20)], { ...OPTS, embedder: 'face-embed' });
    expect(m.cells.find((c) => c.device === 'Pixel 7')!.endToEndMs).toBeUndefined();
    expect(m.endToEnd!.missingEmbedder).toEqual(['Pixel 7 / nnapi']);
  });
  it('accuracy gate: fastest variant whose SNR passes; the float32 reference always passes; unknown SNR is ungated', () => {
    const info = new Map<string, VariantInfo>([
      ['ssd', { parent: 'ssd', snrDb: Infinity }],
      ['ssd-int8', { parent: 'ssd', snrDb: 24 }],
      ['ssd-fp16', { parent: 'ssd', snrDb: 61 }],
      ['face-embed', { parent: 'face-embed' }],
    ]);
    const strict = buildMatrix(records, OPTS, info).gate!;
    expect(strict.choices.find((c) => c.delegate === 'cpu' && c.model === 'ssd')).toEqual({ device: 'Pixel 3', delegate: 'cpu', model: 'ssd', variant: 'ssd-fp16', meanMs: 118, snrDb: 61, withinBudget: false });
    expect(strict.choices.find((c) => c.delegate === 'gpu' && c.model === 'ssd')!.variant).toBe('ssd');
    expect(strict.ungated).toEqual(['face-embed']);
    const loose = buildMatrix(records, { ...OPTS, minSnrDb: 20 }, info).gate!;
    expect(loose.choices.find((c) => c.delegate === 'cpu' && c.model === 'ssd')).toMatchObject({ variant: 'ssd-int8', meanMs: 70, snrDb: 24, withinBudget: true });
  });
});
