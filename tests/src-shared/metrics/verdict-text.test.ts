// A verdict explains itself: each failing gate with the value it saw and its limit, from a real gate evaluation.
import { describe, expect, it } from 'vitest';
import { checkText, failedChecks, gateValueText, verdictText } from '../../../src-shared/metrics/verdict-text';
import type { Verdict } from '../../../src-shared/types/degradation';

describe('verdict text', () => {
  const v: Verdict = {
    pass: false,
    checks: [
      { metric: 'map50_drop', op: '>', limit: 0.05, value: 0.4567, failed: true },
      { metric: 'flickerPerMin', op: '>', limit: 2, value: 1.5, failed: false },
      { metric: 'idSwitchesPerMin', op: '>=', limit: 5, value: -53.554, failed: true },
      { metric: 'cosineMean', op: '<', limit: 0.98, value: null, failed: false },
    ],
  };
  it('names each failing gate with value, op and limit; passing and unchecked gates are left out', () => {
    expect(failedChecks(v)).toEqual(['map50_drop 0.457 > 0.05', 'idSwitchesPerMin -53.6 >= 5']);
    expect(verdictText(v)).toBe('FAIL: map50_drop 0.457 > 0.05, idSwitchesPerMin -53.6 >= 5');
    expect(verdictText({ ...v, pass: true })).toBe('PASS');
  });
  it('shows an absent value as – and keeps 3 significant digits without exponent noise', () => {
    expect(checkText(v.checks[3]!)).toBe('cosineMean – < 0.98');
    expect(gateValueText(0.30000000000000004)).toBe('0.3');
    expect(gateValueText(1234.5)).toBe('1230');
  });
  it('a rate gate on a run too short for a rate shows the count and the duration, not an extrapolated rate', () => {
    expect(checkText({ metric: 'idSwitchesPerMin', op: '>', limit: 5, value: null, failed: false, count: 1, durationMs: 1100 })).toBe(
      'idSwitchesPerMin 1 in 1.1 s (too short for a rate) > 5',
    );
    expect(checkText({ metric: 'idSwitchesPerMin', op: '>', limit: 5, value: 6, failed: true, count: 3, durationMs: 30_000 })).toBe('idSwitchesPerMin 6 > 5');
  });
});
