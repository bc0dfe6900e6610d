import { readFileSync } from 'node:fs';
import { arch } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { autoReduceRange, REDUCE_RANGE_ENV } from '../../../../src-main/transforms/quant/cpu-int8';

const saved = process.env[REDUCE_RANGE_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[REDUCE_RANGE_ENV];
  else process.env[REDUCE_RANGE_ENV] = saved;
});

describe('autoReduceRange', () => {
  it('reduces the int8 weight range exactly on x86 CPUs that lack VNNI', () => {
    delete process.env[REDUCE_RANGE_ENV];
    const d = autoReduceRange();
    const x86 = arch() === 'x64' || arch() === 'ia32';
    let cpuinfo = '';
    try {
      cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      /* not Linux */
    }
    const vnni = cpuinfo.includes('avx512_vnni') || cpuinfo.includes('avx_vnni');
    expect(d.reduceRange).toBe(x86 && !vnni);
    expect(d.reason.length).toBeGreaterThan(10);
    expect(autoReduceRange()).toBe(d); // decided once per process
  });

  it(`${REDUCE_RANGE_ENV}=on|off overrides the CPU's decision either way; auto or empty restores it`, () => {
    delete process.env[REDUCE_RANGE_ENV];
    const cpu = autoReduceRange();
    process.env[REDUCE_RANGE_ENV] = 'on';
    expect(autoReduceRange()).toMatchObject({ reduceRange: true, reason: expect.stringContaining(`${REDUCE_RANGE_ENV}=on`) });
    process.env[REDUCE_RANGE_ENV] = 'off';
    expect(autoReduceRange()).toMatchObject({ reduceRange: false, reason: expect.stringContaining(`${REDUCE_RANGE_ENV}=off`) });
    for (const v of ['auto', '']) {
      process.env[REDUCE_RANGE_ENV] = v;
      expect(autoReduceRange()).toBe(cpu);
    }
  });

  it('refuses any other value, naming the variable and the value', () => {
    process.env[REDUCE_RANGE_ENV] = 'yes';
    expect(() => autoReduceRange()).toThrow(/EDGELAB_REDUCE_RANGE=yes: expected on, off or auto/);
  });
});
