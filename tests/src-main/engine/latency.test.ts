import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../../src-main/benchmarks/records';
import { variantSnr } from '../../../src-main/engine/latency';
import type { VariantEntry } from '../../../src-shared/types/model';
import { BLAZEFACE, REPO, useTempEngine } from './helpers';

const engine = useTempEngine();
const FIX = join(REPO, 'tests', 'fixtures', 'bench');
const f = (n: string) => join(FIX, n);

describe('engine latency methods', () => {
  it('importBench stores records with device and links; a second import of the same files duplicates nothing', async () => {
    const { engine: e } = engine();
    const model = await e.importModel({ source: BLAZEFACE });
    const files = [f('tflite-mi11-yolov5s-several-runs.md'), f('edgelab-template-iphone.json'), f('ort-perf-test-arm-squeezenet-int8-cpu.txt')];
    const first = await e.importBench({ files, device: 'Lab phone' });
    expect(first.records).toHaveLength(5 + 1 + 1);
    // --device names the devices the files do not; the template's own device wins
    expect(first.records.map((r) => r.device)).toEqual([...Array(5).fill('Lab phone'), 'iPhone 12', 'Lab phone']);
    expect(first.records.every((r) => r.sourceSha256?.length === 64 && r.importedAt)).toBe(true);
    // linked by file name: the template row names face_detection_front_128x128.onnx, imported above
    expect(first.records.find((r) => r.format === 'edgelab-template')!.variantId).toBe(model.id);
    expect(first.warnings.some((w) => w.includes('Benchmarking failed'))).toBe(true);
    const again = await e.importBench({ files, device: 'Lab phone' });
    expect(again.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id));
    expect(again.warnings.join('\n')).toMatch(/7 record\(s\) were already imported/);
    expect(await readRecords(e.workspace)).toHaveLength(7);
  });
  it('nothing is imported when one file of the batch is broken or unknown (line / formats tried in the error)', async () => {
    const { engine: e } = engine();
    const before = (await readRecords(e.workspace)).length;
    await expect(e.importBench({ files: [f('ort-perf-test-pixel6-resnet18.log'), f('edgelab-template-broken.csv')] })).rejects.toThrow(/edgelab-template-broken\.csv: line 3: /);
    await expect(e.importBench({ files: [f('ort-perf-test-pixel6-resnet18.log'), f('unknown-boxes.csv')] })).rejects.toThrow(/formats tried: .*tflite-benchmark/);
    await expect(e.importBench({ files: [f('ort-perf-test-pixel6-resnet18.log')], variant: 'no-such-variant' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await readRecords(e.workspace)).toHaveLength(before);
  });
  it('--variant links every record of a file that names no model, and a device-less file is "unknown" with a warning', async () => {
    const { engine: e } = engine();
    const r = await e.importBench({ files: [f('ort-profile-blazeface-cpu.json')], variant: 'blazeface-front' });
    expect(r.records[0]!.variantId).toBe('blazeface-front');
    expect(r.records[0]!.device).toBe('unknown');
    expect(r.warnings.join()).toMatch(/names no device/);
    expect(r.warnings.join()).not.toMatch(/link with --variant/);
  });
  it('benchModel measures the bundled BlazeFace here: a stored record with count = runs', async () => {
    const { engine: e } = engine();
    const r = await e.benchModel({ model: 'blazeface-front', runs: 6, warmup: 1, runtime: 'onnx' });
    expect(r.format).toBe('workstation');
    expect(r.latencyMs.count).toBe(6);
    expect(r.variantId).toBe('blazeface-front');
    expect(r.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await readRecords(e.workspace)).some((x) => x.id === r.id)).toBe(true);
    await expect(e.benchModel({ model: 'blazeface-front', runtime: 'tfjs', runs: 1 })).rejects.toThrow(/does not read onnx/);
  });
  it('latency: the matrix over everything stored, budget applied, float32 reference chosen by the gate', async () => {
    const { engine: e } = engine();
    const m = await e.latency({ budgetMs: 100 });
    expect(m.records).toBe((await readRecords(e.workspace)).length);
    expect(m.devices).toContain('Lab phone');
    const cpu = m.cells.find((c) => c.device === 'Lab phone' && c.delegate === 'cpu' && c.variant === 'yolov5s_fp32_640.tflite')!;
    expect(cpu.latencyMs.mean).toBeCloseTo(249.684, 6);
    expect(cpu.withinBudget).toBe(false);
    const work = m.cells.find((c) => c.format === 'workstation')!;
    expect(work.variant).toBe('blazeface-front');
    expect(m.gate!.choices.some((g) => g.variant === 'blazeface-front' && g.device === work.device)).toBe(true);
    const e2e = await e.latency({ detectEvery: 4, trackerMs: 1.5 });
    const c2 = e2e.cells.find((c) => c.recordId === cpu.recordId)!;
    expect(c2.endToEndMs).toBeCloseTo(249.684 / 4 + 1.5, 6);
    await fs.access(join(e.workspace.dir, 'latency', 'records.json'));
  });
  it('variantSnr reads the degradation that variant validation stores; float32 is the reference; none is unknown', () => {
    const v = (p: Partial<VariantEntry> & Record<string, unknown>): VariantEntry =>
      ({ id: 'v', parentId: 'm', kind: 'fp16', format: 'onnx', path: 'p', sizeBytes: 1, sha256: 'a'.repeat(64), createdAt: '', settings: {}, ...p }) as VariantEntry;
    expect(variantSnr(v({ validation: { snrDb: 41.5, cosine: 1, maxAbsError: 0, frames: 8 } }))).toBe(41.5);
    expect(variantSnr(v({ settings: { validation: { snrDb: 12 } } }))).toBe(12);
    expect(variantSnr(v({ kind: 'fp32' }))).toBe(Infinity);
    expect(variantSnr(v({}))).toBeUndefined();
  });
});
