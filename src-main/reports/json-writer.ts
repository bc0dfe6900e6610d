// The JSON report: the ReportJson itself, two-space indented, one trailing newline.
import type { ReportJson } from '../../src-shared/types/report';

export function renderJson(report: ReportJson): string {
  return JSON.stringify(report, null, 2) + '\n';
}
