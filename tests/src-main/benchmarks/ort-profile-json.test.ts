import { describe, expect, it } from 'vitest';
import { ortProfileJson, parseOrtProfile } from '../../../src-main/benchmarks/ort-profile-json';
import { fixtureText } from './helpers';

const BLAZE = 'ort-profile-blazeface-cpu.json';
const TRUNC = 'ort-profile-mql5-doc-truncated-lines.json';

interface Ev { cat: string; name: string; dur: number; args: { op_name?: string; provider?: string } }

describe('ONNX Runtime profiling JSON', () => {
  const events = JSON.parse(fixtureText(BLAZE)) as Ev[];
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').map((e) => e.dur / 1000);
  const { records } = parseOrtProfile(fixtureText(BLAZE), BLAZE);
  const r = records[0]!;
  it('runs → latency (first run apart), session events → init, all in ms', () => {
    expect(runs.length).toBeGreaterThan(2);
    expect(records).toHaveLength(1);
    expect(r.format).toBe('ort-profile');
    expect(r.runtime).toBe('onnxruntime');
    expect(r.delegate).toBe('CPUExecutionProvider');
    expect(r.model).toBe('unknown');
    expect(r.firstInferenceMs).toBe(runs[0]);
    const rest = runs.slice(1);
    expect(r.latencyMs.count).toBe(rest.length);
    expect(r.latencyMs.mean).toBeCloseTo(rest.reduce((a, b) => a + b, 0) / rest.length, 9);
    expect(r.latencyMs.min).toBe(Math.min(...rest));
    expect(r.latencyMs.max).toBe(Math.max(...rest));
    expect(r.latencyMs.median! >= r.latencyMs.min! && r.latencyMs.p90! <= r.latencyMs.max!).toBe(true);
    const init = events.filter((e) => e.cat === 'Session' && /^(model_loading_uri|session_initialization)$/.test(e.name)).reduce((a, e) => a + e.dur, 0);
    expect(r.initMs).toBeCloseTo(init / 1000, 9);
    expect(r.source).toEqual({ file: BLAZE, line: 1 });
  });
  it('kernel events → per-op mean per run with op type and provider', () => {
    const kernels = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'));
    const names = new Set(kernels.map((e) => e.name));
    expect(r.ops).toHaveLength(names.size);
    const conv = r.ops!.find((o) => o.type === 'Conv')!;
    const convUs = kernels.filter((e) => e.name === `${conv.name}_kernel_time`).reduce((a, e) => a + e.dur, 0);
    expect(conv.avgMs).toBeCloseTo(convUs / runs.length / 1000, 9);
    expect(conv.provider).toBe('CPUExecutionProvider');
    expect(conv.timesCalled).toBe(1);
    expect(r.ops!.reduce((a, o) => a + (o.percent ?? 0), 0)).toBeCloseTo(100, 6);
    expect(r.opTypes![0]!.type).toBe('Conv'); // BlazeFace time goes to convolutions
  });
  it('a profile cut mid-line (as published in a doc) is a broken recognised file with its line', () => {
    expect(ortProfileJson.match(fixtureText(TRUNC))).toBe(true);
    expect(() => parseOrtProfile(fixtureText(TRUNC), TRUNC)).toThrow(/ort-profile-mql5-doc-truncated-lines\.json: line 1: broken profiling JSON/);
    const cut = fixtureText(BLAZE).split('\n').slice(0, 5).join('\n');
    expect(() => parseOrtProfile(cut, 'cut.json')).toThrow(/cut\.json: line 5: broken profiling JSON/);
  });
});
