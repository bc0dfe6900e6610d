import { readFileSync } from 'node:fs';
import { arch } from 'node:os';
import { describe, expect, it } from 'vitest';
import { autoReduceRange } from '../../../../src-main/transforms/quant/cpu-int8';

describe('autoReduceRange', () => {
  it('reduces the int8 weight range exactly on x86 CPUs that lack VNNI', () => {
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
});
