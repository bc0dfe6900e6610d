// assembleReport on real runs: BlazeFace float32 and fp16 on cup.mp4, BlazeFace float32 on vtest.avi. Runs are
// grouped per baseline (pairs) and per clip; compare events become key frames with both runs' boxes; the variant
// table, gates and lineage follow the input order; the result is deterministic.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareEvent, CompareResult } from '../../../src-shared/types/degradation';
import { assembleReport, groupRuns, pickEvents, type AssembleInput } from '../../../src-main/reports/assemble';
import type { ReportRunInput } from '../../../src-main/reports/build';
import { renderJson } from '../../../src-main/reports/json-writer';
import { renderHtml } from '../../../src-main/reports/html-writer';
import { createEngine, type Engine } from '../../../src-main/create-engine';

let engine: Engine;
let scratch: string;
let base: ReportRunInput;
let half: ReportRunInput;
let other: ReportRunInput;
let cmp: CompareResult;

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-assemble-'));
  engine = await createEngine({ workspaceDir: join(scratch, 'ws'), host: 'test' });
  const m = await engine.importModel({ source: 'blazeface-front' });
  const v = await engine.convertModel({ model: m.id, to: 'fp16' });
  const run = async (model: string, clip: string, name: string): Promise<ReportRunInput> => {
    const dir = join(scratch, name);
    await engine.replay({ model, clip, frames: 20, out: dir });
    return { file: await engine.getRun({ run: dir }), dir };
  };
  base = await run(m.id, 'cup', 'base');
  half = await run(v.variant.id, 'cup', 'half');
  other = await run(m.id, 'vtest', 'other');
  cmp = await engine.compare({ baseline: base.dir, variant: half.dir });
}, 300_000);
afterAll(async () => {
  await engine?.dispose();
  await fs.rm(scratch, { recursive: true, force: true });
});

function input(over: Partial<AssembleInput> = {}): AssembleInput {
  return {
    runs: [base, half, other],
    pairs: [{ baseline: base.file.id, variant: half.file.id, compare: cmp }],
    facts: new Map(),
    latency: null,
    settings: null,
    source: { kind: 'runs', runs: ['a', 'b', 'c'] },
    gates: 'map50_drop>0.01',
    ...over,
  };
}

describe('groupRuns', () => {
  it('one group per named baseline, then per clip for the runs no pair names', () => {
    const g = groupRuns([base, half, other], [{ baseline: base.file.id, variant: half.file.id }]);
    expect(g.map((x) => x.map((r) => r.file.id))).toEqual([[base.file.id, half.file.id], [other.file.id]]);
    const byClip = groupRuns([base, other, half], []);
    expect(byClip.map((x) => x.map((r) => r.file.id))).toEqual([[base.file.id, half.file.id], [other.file.id]]);
    expect(() => groupRuns([base], [{ baseline: base.file.id, variant: 'nope' }])).toThrow(/nope/);
  });
});

describe('pickEvents', () => {
  const ev = (frame: number, kind: CompareEvent['kind']): CompareEvent => ({ frame, timeMs: frame * 40, kind, objectId: 1, trackId: 1, detail: kind });
  it('most visible kinds first, spread by minGap, returned in frame order', () => {
    const events = [ev(1, 'flicker'), ev(5, 'missed'), ev(6, 'missed'), ev(20, 'extra'), ev(30, 'drift')];
    expect(pickEvents(events, 3, 3).map((e) => [e.frame, e.kind])).toEqual([
      [5, 'missed'],
      [20, 'extra'],
      [30, 'drift'],
    ]);
    expect(pickEvents(events, 10, 1)).toHaveLength(5);
    expect(pickEvents([], 3, 1)).toEqual([]);
  });
});

describe('assembleReport', () => {
  it('covers runs of two clips: variant rows in input order, a baseline per clip, gates of the compared pair', async () => {
    const r = await assembleReport(input(), { generatedAt: 'g' });
    expect(r.runs.map((x) => x.id)).toEqual([base.file.id, half.file.id, other.file.id]);
    expect(r.series.map((x) => x.runId)).toEqual(r.runs.map((x) => x.id));
    expect(r.comparisons.map((c) => [c.baselineRunId, c.variantRunId])).toEqual([[base.file.id, half.file.id]]);
    const rows = r.variants!;
    expect(rows.map((v) => v.baselineRunId)).toEqual([null, base.file.id, null]);
    expect(rows[1].metrics?.map50).toBe(cmp.detection.map50);
    // The report's metrics keys and their order (docs/report-format.md), from the metric catalogue.
    expect(Object.keys(rows[1].metrics!)).toEqual([
      'map50', 'map', 'precision', 'recall', 'mota', 'motp', 'idSwitches', 'fragmentations', 'idf1', 'hota', 'flickerPerMin', 'jitter',
      'timeToFirstBoxMs', 'neverFound', 'lagFrames', 'labelFlips', 'cosineMean', 'cosineP5', 'topkOverlap', 'events',
    ]);
    expect(Object.keys(rows[1].metrics!.events)).toEqual(['missed', 'extra', 'id-switch', 'drift', 'flicker']);
    expect(rows[1].sizeRatio).toBeCloseTo(half.file.model.sizeBytes / base.file.model.sizeBytes, 12);
    expect(rows[2].clip).toBe('vtest.avi');
    // Latency keys: the names a record may give the model (workspace id, file name, model folder).
    expect(rows[1].latencyKeys).toContain(half.file.model.id);
    expect(rows[1].latencyKeys).toContain('face_detection_front_128x128.onnx');
    expect(r.gates).toEqual({ spec: 'map50_drop>0.01', pass: cmp.verdict.pass, checks: cmp.verdict.checks.map((c) => ({ runId: half.file.id, ...c })) });
    expect(r.lineage?.map((l) => l.clipSha256)).toEqual([base.file.clip.sha256, half.file.clip.sha256, other.file.clip.sha256]);
    expect(r.keyFrames.some((k) => k.runId === other.file.id)).toBe(true); // the vtest group's first box
    // The HTML names both baselines (one per clip) and both clips.
    const html = renderHtml(r);
    expect(html).toMatch(/3 run\(s\) of cup\.mp4, vtest\.avi; baselines: #1 [^,]+, #3 /);
  });

  it('turns compare events into key frames carrying both runs boxes and the JPEG', async () => {
    const frames = [...half.file.frames].sort((a, b) => a.index - b.index);
    const target = frames[frames.length - 1].index;
    const withEvents: CompareResult = {
      ...cmp,
      events: [{ frame: frames.length - 1, timeMs: 0, kind: 'missed', objectId: 3, trackId: null, detail: 'object 3 not boxed' }],
    };
    const r = await assembleReport(input({ pairs: [{ baseline: base.file.id, variant: half.file.id, compare: withEvents }] }), { generatedAt: 'g' });
    const k = r.keyFrames.find((x) => x.event);
    expect(k).toMatchObject({ runId: half.file.id, frame: target, event: { kind: 'missed', detail: 'object 3 not boxed' } });
    expect(k?.why).toContain('missed');
    expect(k?.baselineDetections).toEqual(base.file.frames.find((f) => f.index === target)?.detections);
    expect(k?.image).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  });

  it('takes display name, variant kind and latency keys from the source facts', async () => {
    const facts = new Map([[half.file.id, { modelName: 'face', variantKind: 'fp16', snrDb: 40, cosine: 1, parentId: 'p', lineage: null, latencyKeys: ['bench-model.tflite'] }]]);
    const r = await assembleReport(input({ facts }), { generatedAt: 'g' });
    const row = r.variants!.find((v) => v.runId === half.file.id)!;
    expect([row.model, row.variantKind, row.snrDb]).toEqual(['face', 'fp16', 40]);
    expect(row.latencyKeys).toContain('bench-model.tflite');
    expect(r.runs.find((x) => x.id === half.file.id)?.model).toMatchObject({ name: 'face', variantKind: 'fp16' });
    expect(r.lineage?.find((l) => l.runId === half.file.id)?.parentId).toBe('p');
  });

  it('is deterministic apart from generatedAt', async () => {
    const a = await assembleReport(input(), { generatedAt: '2026-01-01T00:00:00.000Z' });
    const b = await assembleReport(input(), { generatedAt: '2026-02-02T00:00:00.000Z' });
    expect(renderJson({ ...a, generatedAt: '' })).toBe(renderJson({ ...b, generatedAt: '' }));
  });

  it('stops with CANCELLED when the job is cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(assembleReport(input(), {}, { signal: ac.signal, progress: () => {} })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
