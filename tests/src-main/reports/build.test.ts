// buildReport on real runs: the same model twice agrees fully, a different model does not; the JSON is
// deterministic; key frames carry the runs' JPEGs; bad combinations are refused in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildReport } from '../../../src-main/reports/build';
import { renderJson } from '../../../src-main/reports/json-writer';
import { REPORT_SCHEMA, REPORT_VERSION } from '../../../src-shared/types/report';
import { makeRealRuns, type RealRuns } from './real-runs';

const FRAMES = 12;
let fx: RealRuns;

beforeAll(async () => {
  fx = await makeRealRuns({ ssdA: 'ssd-mobilenet-v2-coco', ssdB: 'ssd-mobilenet-v2-coco', centernet: 'centernet-mobilenet-v3-coco' }, FRAMES);
});
afterAll(async () => fx?.cleanup());

describe('buildReport', () => {
  it('the same model twice agrees fully (precision = recall = mean IoU = 1)', async () => {
    const { ssdA, ssdB } = fx.runs;
    const boxes = ssdA.file.frames.reduce((n, f) => n + f.detections.length, 0);
    expect(boxes).toBeGreaterThan(0); // otherwise the agreement below would be vacuous
    const r = await buildReport([ssdA, ssdB], { generatedAt: '2026-01-01T00:00:00.000Z' });
    expect(r.schema).toBe(REPORT_SCHEMA);
    expect(r.version).toBe(REPORT_VERSION);
    expect(r.runs.map((x) => x.id)).toEqual([ssdA.file.id, ssdB.file.id]);
    expect(r.comparisons).toHaveLength(1);
    const c = r.comparisons[0];
    expect(c.frames).toBe(FRAMES);
    expect(c.precision).toBe(1);
    expect(c.recall).toBe(1);
    expect(c.f1).toBe(1);
    expect(c.meanIoU).toBe(1);
    expect(c.meanScoreDelta).toBeLessThan(1e-6);
    expect(c.sizeRatio).toBe(1);
    expect(r.series.map((s) => s.inferenceMs.length)).toEqual([FRAMES, FRAMES]);
    expect(r.series[0].boxes.reduce((a, b) => a + b, 0)).toBe(boxes);
    // Only first-box key frames: nothing disagrees.
    expect(r.keyFrames.every((k) => k.why.startsWith('first box'))).toBe(true);
  });

  it('a different model scores below 1 and its key frames show both runs over the JPEG', async () => {
    const { ssdA, centernet } = fx.runs;
    const r = await buildReport([ssdA, centernet], { generatedAt: '2026-01-01T00:00:00.000Z' });
    const c = r.comparisons[0];
    for (const v of [c.precision, c.recall, c.f1, c.meanIoU]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(Math.min(c.precision, c.recall, c.meanIoU)).toBeLessThan(1);
    expect(c.sizeRatio).toBeCloseTo(centernet.file.model.sizeBytes / ssdA.file.model.sizeBytes, 12);
    expect(c.latencyRatio).toBeGreaterThan(0);
    const variantKeys = r.keyFrames.filter((k) => k.runId === centernet.file.id);
    expect(variantKeys.length).toBeGreaterThan(0);
    for (const k of variantKeys) {
      expect(k.baselineDetections).toBeDefined();
      expect(k.image).toMatch(/^data:image\/jpeg;base64,\/9j\//); // JPEG SOI marker FF D8 FF
    }
    expect(r.runSettings?.map((s) => s.settings.maxFrames)).toEqual([FRAMES, FRAMES]);
  });

  it('is deterministic: two builds differ only in generatedAt', async () => {
    const { ssdA, centernet, ssdB } = fx.runs;
    const a = await buildReport([ssdA, centernet, ssdB], { generatedAt: '2026-01-01T00:00:00.000Z', title: 'T' });
    const b = await buildReport([ssdA, centernet, ssdB], { generatedAt: '2026-06-30T12:00:00.000Z', title: 'T' });
    expect(renderJson(a)).not.toBe(renderJson(b));
    expect(renderJson({ ...a, generatedAt: 'x' })).toBe(renderJson({ ...b, generatedAt: 'x' }));
  });

  it('refuses runs of different clips, naming the run file', async () => {
    const { ssdA, ssdB } = fx.runs;
    const other = { dir: ssdB.dir, file: { ...ssdB.file, clip: { ...ssdB.file.clip, sha256: '0'.repeat(64) } } };
    await expect(buildReport([ssdA, other], {})).rejects.toMatchObject({ code: 'BAD_INPUT', file: join(ssdB.dir, 'run.json') });
    await expect(buildReport([], {})).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('stops with CANCELLED when the job is cancelled and reports progress otherwise', async () => {
    const { ssdA, ssdB } = fx.runs;
    const ac = new AbortController();
    ac.abort();
    await expect(buildReport([ssdA, ssdB], {}, { signal: ac.signal, progress: () => {} })).rejects.toMatchObject({ code: 'CANCELLED' });
    const seen: number[] = [];
    await buildReport([ssdA, ssdB], {}, { progress: (p) => p.fraction !== undefined && seen.push(p.fraction) });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });
});
