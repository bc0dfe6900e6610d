// A lab as a report source: the lab's runs (in plan order) and its baseline → variant compare pairs.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ReportSource } from '../../src-shared/types/report';
import type { EngineCtx } from '../engine/context';

export interface LabReportSource {
  runs: string[];
  pairs: { baseline: string; variant: string }[];
  source: ReportSource;
  title?: string;
}

export async function labReportSource(_ctx: EngineCtx, lab: string): Promise<LabReportSource> {
  throw new EdgeLabError('UNSUPPORTED', 'lab reports need the lab runner', lab);
}
