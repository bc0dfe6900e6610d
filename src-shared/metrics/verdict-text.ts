// How a verdict explains itself, in every view and report (issue 15): a failing gate reads
// "<gate key> <value> <op> <limit>", e.g. "map50_drop 0.46 > 0.05" — the value the gate saw, the condition that
// held. One formatter for the A/B and Degradation views, the Lab view, the lab summary and the HTML report.
import type { GateCheck, Verdict } from '../types/degradation';

/** Value shown for a gate: 3 significant digits, no exponent noise ("0.46", "12.3", "-53.6"); "–" when absent. */
export function gateValueText(v: number | null): string {
  return v === null ? '–' : String(Number(v.toPrecision(3)));
}

/** "map50_drop 0.46 > 0.05". */
export function checkText(c: GateCheck): string {
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
