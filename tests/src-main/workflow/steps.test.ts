import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabPlan } from '../../../src-main/lab/plan';
import { containerWorkingDir, k8sName, targetArgv, workflowPlan } from '../../../src-main/workflow/steps';

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('k8sName', () => {
  it('keeps valid names, makes others DNS-1123 labels with a hash that keeps them distinct', () => {
    expect(k8sName('bundled')).toBe('bundled');
    const a = k8sName('replay:ssd:fp16:cup');
    const b = k8sName('replay:ssd-fp16:cup');
    expect(a).toMatch(/^replay-ssd-fp16-cup-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
    const long = k8sName(`report:${'x'.repeat(100)}:json`);
    expect(long.length).toBeLessThanOrEqual(63);
    for (const n of [a, b, long, k8sName('Ünïcode__Name'), k8sName(':::')]) expect(n).toMatch(DNS1123);
  });
});

describe('containerWorkingDir', () => {
  it('maps a spec folder inside the repo under /app, outside it to /lab', () => {
    expect(containerWorkingDir('/repo', '/repo')).toBe('/app');
    expect(containerWorkingDir(join('/repo', 'labs', 'a'), '/repo')).toBe('/app/labs/a');
    expect(containerWorkingDir('/home/me/lab', '/repo')).toBe('/lab');
  });
});

describe('workflowPlan / targetArgv', () => {
  const lab: LabPlan = {
    version: 1,
    name: 'My_Lab',
    specFile: '/repo/lab.yaml',
    specDir: '/repo',
    reports: ['json'],
    steps: [
      { id: 'a:1', kind: 'convert', deps: [], method: 'convertModel', args: { model: 'm', to: 'fp16', out: '{{out}}/model' }, inputs: [], settings: {}, outputs: {}, memoryMb: 10 },
      { id: 'b:2', kind: 'replay', deps: ['a:1'], method: 'replay', args: { model: '{{step:a:1}}/model', clip: 'cup', out: '{{out}}/run' }, inputs: [], settings: {}, outputs: {}, memoryMb: 20 },
    ],
  };
  it('names steps, maps deps to names and substitutes placeholders', () => {
    const p = workflowPlan(lab, '/repo');
    expect(p.slug).toMatch(DNS1123);
    expect(p.steps[1].deps).toEqual([p.steps[0].name]);
    const argv = targetArgv(p.steps[1], p, '/o', (n) => `/d/${n}`);
    expect(argv).toEqual(['call', 'replay', '--args', JSON.stringify({ model: `/d/${p.steps[0].name}/model`, clip: 'cup', out: '/o/run' }), '--json']);
    expect(() => targetArgv({ ...p.steps[1], method: 'replay', args: { model: '{{step:nope}}/m', clip: 'cup' } }, p, '/o', (n) => n)).toThrow(/unknown step nope/);
  });
  it('refuses a dependency on an unknown step, naming the spec', () => {
    const bad = { ...lab, steps: [{ ...lab.steps[1], deps: ['nope'] }] };
    expect(() => workflowPlan(bad, '/repo')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', file: '/repo/lab.yaml' }));
  });
});
