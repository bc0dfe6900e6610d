// convertModel for the int8 kinds through the engine: validation stored in the VariantEntry, lineage, option-hashed
// ids (two int8 variants with different methods coexist), --out for ONNX, bad calibration input leaves nothing.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashModel } from '../../../src-main/models/hash';
import { BLAZEFACE, exists, useTempEngine } from './helpers';

const engine = useTempEngine();

describe('convertModel: int8 kinds', () => {
  it('int8 minmax and int8 entropy of one model coexist, each validated on real frames with its lineage', async () => {
    const m = await engine().engine.importModel({ source: 'blazeface-front' });
    const a = await engine().engine.convertModel({ model: m.id, to: 'int8', frames: 12 });
    const b = await engine().engine.convertModel({ model: m.id, to: 'int8', frames: 12, method: 'entropy' });
    expect(a.variant.id).not.toBe(b.variant.id);
    expect(a.variant.id.startsWith(`${m.id}-int8-`)).toBe(true);
    const entry = (await engine().engine.listModels({})).find((x) => x.id === m.id)!;
    expect(entry.variants.map((v) => v.id).sort()).toEqual([a.variant.id, b.variant.id].sort());
    for (const r of [a, b]) {
      expect(r.validation!.frames).toBe(12);
      expect(r.validation!.perOutput!.map((o) => o.name)).toEqual(['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0']);
      expect(r.validation!.snrDb).toBeLessThan(999);
      expect(r.variant.validation).toEqual(r.validation);
      expect(r.variant.lineage!.sourceSha256).toBe(m.sha256);
      expect(r.variant.lineage!.kind).toBe('int8');
      expect(r.variant.lineage!.calibration).toBe('cup');
      expect(r.variant.lineage!.calibrationSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.output).toBe(join(engine().engine.workspace.dir, r.variant.path));
      expect(await hashModel(r.output!)).toBe(r.variant.sha256);
    }
    // Same frames → same calibration set hash; different methods → different settings.
    expect(a.variant.lineage!.calibrationSha256).toBe(b.variant.lineage!.calibrationSha256);
    expect(a.variant.settings.method).toBe('minmax');
    expect(b.variant.settings.method).toBe('entropy');
    expect(b.variant.lineage!.options).toEqual({ frames: 12, method: 'entropy' });
    // Asking again returns the registered variant.
    const again = await engine().engine.convertModel({ model: m.id, to: 'int8', frames: 12, method: 'entropy' });
    expect(again.variant).toEqual(b.variant);
  });

  it('int8-weights of a path to an --out .onnx: output, size and validation in the result; fp16 validates better', async () => {
    const out = join(engine().dir, 'face-w8.onnx');
    const r = await engine().engine.convertModel({ model: BLAZEFACE, to: 'int8-weights', out });
    expect(r.output).toBe(out);
    expect(r.sizeBytes).toBe((await fs.stat(out)).size);
    expect(r.sizeBytes / r.sourceSizeBytes).toBeLessThan(0.5);
    expect(r.validation!.snrDb).toBeGreaterThan(8);
    const f16 = await engine().engine.convertModel({ model: BLAZEFACE, to: 'fp16', out: join(engine().dir, 'face-f16.onnx') });
    expect(f16.validation!.snrDb).toBeGreaterThan(r.validation!.snrDb);
  });

  it('an empty calibration folder is BAD_INPUT naming it; no variant folder, no manifest entry', async () => {
    const m = (await engine().engine.listModels({})).find((x) => x.name.includes('BlazeFace'))!;
    const empty = join(engine().dir, 'no-images');
    await fs.mkdir(empty);
    const err = await engine().engine.convertModel({ model: m.id, to: 'int8', calibration: empty, method: 'percentile', percentile: 99.9 }).catch((e) => e);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(empty);
    const after = (await engine().engine.listModels({})).find((x) => x.id === m.id)!;
    expect(after.variants).toHaveLength(m.variants.length);
    const dirs = await fs.readdir(join(engine().engine.workspace.dir, 'models', m.id, 'variants'));
    expect(dirs.filter((d) => !m.variants.some((v) => v.id === d))).toEqual([]);
    expect(await exists(join(engine().engine.workspace.dir, 'models', m.id, 'variants', `${m.id}-int8`))).toBe(false);
  });
});

describe('convertModel: int8 --target-snr', () => {
  it('runs the mixed-precision search and records what it kept in float', async () => {
    const m = (await engine().engine.listModels({})).find((x) => x.name.includes('BlazeFace'))!;
    const r = await engine().engine.convertModel({ model: m.id, to: 'int8', frames: 8, targetSnrDb: 12 });
    const mp = r.variant.settings.mixedPrecision as {
      targetSnrDb: number; reached: boolean; snrDb: number; keptFloatNodes: string[];
      latencyMs: { float32: number; int8: number; mixed: number }; steps: { keptFloat: number; snrDb: number; latencyMs: number }[];
    };
    expect(mp.targetSnrDb).toBe(12);
    // the convert JSON contract of issue 18: reached, snrDb, latencyMs { float32, int8, mixed }, steps [{ keptFloat, snrDb, latencyMs }]
    expect(typeof mp.reached).toBe('boolean');
    expect(typeof mp.snrDb).toBe('number');
    for (const k of ['float32', 'int8', 'mixed'] as const) expect(mp.latencyMs[k]).toBeGreaterThan(0);
    expect(mp.steps.length).toBeGreaterThan(0);
    for (const st of mp.steps) for (const k of ['keptFloat', 'snrDb', 'latencyMs'] as const) expect(typeof st[k]).toBe('number');
    expect(r.variant.lineage!.options).toMatchObject({ targetSnrDb: 12, frames: 8 });
    expect(r.validation!.frames).toBe(8);
    if (mp.reached) expect(mp.keptFloatNodes.every((n) => r.keptFloat.some((k) => k.name === n))).toBe(true);
  }, 300_000);
});
