// How a verdict explains itself, in every view and report (issue 15): a failing gate reads
// "<gate key> <value> <op> <limit>", e.g. "map50_drop 0.46 > 0.05" — the value the gate saw, the condition that
// held. One formatter for the A/B and Degradation views, the Lab view, the lab summary and the HTML report.
import type { GateCheck, Verdict } from '../types/degradation';

/** Value shown for a gate: 3 significant digits, no exponent noise ("0.46", "12.3", "-53.6"); "–" when absent. */
export function gateValueText(v: number | null): string {
  return v === null ? '–' : String(Number(v.toPrecision(3)));
}

/**
 * "map50_drop 0.46 > 0.05"; a rate gate on a run too short for a rate shows its count and the run's duration:
 * "idSwitchesPerMin 1 in 1.1 s (too short for a rate) > 5".
 */
export function checkText(c: GateCheck): string {
  if (c.value === null && typeof c.count === 'number' && c.durationMs !== undefined) {
    return `${c.metric} ${gateValueText(c.count)} in ${(c.durationMs / 1000).toFixed(1)} s (too short for a rate) ${c.op} ${c.limit}`;
  }
  return `${c.metric} ${gateValueText(c.value)} ${c.op} ${c.limit}`;
}

/** The failing checks, each as checkText. */
export function failedChecks(v: Verdict): string[] {
  return v.checks.filter((c) => c.failed).map(checkText);
}

/** "PASS", or "FAIL: map50_drop 0.46 > 0.05, idSwitchesPerMin 6.2 > 5". */
export function verdictText(v: Verdict): string {
  return v.pass ? 'PASS' : `FAIL: ${failedChecks(v).join(', ')}`;
}
