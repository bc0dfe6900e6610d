import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchOnHost, hostDevice } from '../../../src-main/benchmarks/runner';
import { findBundledModel } from '../../../src-main/models/catalog';
import type { JobContext } from '../../../src-main/jobs/context';
import { sha256File } from '../../../src-main/engine/resolve';

const REPO = join(import.meta.dirname, '..', '..', '..');
const BLAZE = join(REPO, 'models', 'blazeface-front', 'face_detection_front_128x128.onnx');
const CUP = join(REPO, 'samples', 'cup.mp4');

describe('workstation runner', () => {
  it('times BlazeFace with onnxruntime on real cup.mp4 frames: count = runs, ordered statistics, this host', async () => {
    const meta = findBundledModel('blazeface-front')!.meta;
    const stages: string[] = [];
    const ctx: JobContext = { progress: (p) => stages.push(p.stage) };
    const r = await benchOnHost({ modelFile: BLAZE, format: 'onnx', meta, runs: 7, warmup: 2, threads: 1, clipPath: CUP, modelName: 'face_detection_front_128x128.onnx', modelSha256: await sha256File(BLAZE) }, ctx);
    expect(r.format).toBe('workstation');
    expect(r.device).toBe(hostDevice());
    expect(r.device.startsWith(hostname())).toBe(true);
    expect(r.runtime).toBe('onnxruntime-node');
    expect(r.runtimeVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.delegate).toBe('CPUExecutionProvider');
    expect(r.threads).toBe(1);
    const l = r.latencyMs;
    expect(l.count).toBe(7);
    expect(l.min! > 0).toBe(true);
    expect(l.min! <= l.median! && l.median! <= l.p90! && l.p90! <= l.max!).toBe(true);
    expect(l.min! <= l.mean && l.mean <= l.max!).toBe(true);
    expect(r.initMs! > 0 && r.firstInferenceMs! > 0).toBe(true);
    expect(r.memoryMb! >= 0).toBe(true);
    expect(stages).toContain('inference');
  });
  it('refuses a runtime that does not read the format, and a model without input metadata', async () => {
    const ctx: JobContext = { progress: () => {} };
    const base = { modelFile: BLAZE, format: 'onnx' as const, runs: 1, warmup: 0, clipPath: CUP, modelName: 'x', modelSha256: 'y' };
    await expect(benchOnHost({ ...base, runtime: 'tfjs', meta: findBundledModel('blazeface-front')!.meta }, ctx)).rejects.toThrow(/runtime tfjs does not read onnx models/);
    await expect(benchOnHost(base, ctx)).rejects.toThrow(/no input metadata/);
  });
});
