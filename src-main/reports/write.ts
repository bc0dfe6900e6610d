// Renders a report in one format and writes it atomically (nothing half-written under the final name).
import type { ReportJson } from '../../src-shared/types/report';
import { writeFileAtomic } from '../workspace/atomic';
import { getReportWriter, type ReportFormat } from './registry';

/** Writes `report` as `format` to `file` (absolute path); returns the path written. */
export async function writeReportFile(report: ReportJson, format: ReportFormat, file: string): Promise<string> {
  await writeFileAtomic(file, await getReportWriter(format).output(report));
  return file;
}
