// A benchmark importer reads one tool's printed output. Registered in registry.ts; `match` is a cheap test on
// the CONTENT (never the file name), `parse` does the work and throws BAD_INPUT naming the file and line.
import type { LatencyRecord } from '../../src-shared/types/latency';

/** A record as parsed, before the store gives it an id, a source hash and a variant link. */
export type ParsedRecord = Omit<LatencyRecord, 'id' | 'sourceSha256' | 'importedAt' | 'variantId'> & { variantId?: string };

export interface ParseResult {
  records: ParsedRecord[];
  warnings: string[];
}

export interface BenchImporter {
  /** Stable name, stored as LatencyRecord.format. */
  name: string;
  /** What it reads, for error messages ("formats tried"). */
  description: string;
  /** Cheap content test: true when this importer should parse the text. */
  match(text: string): boolean;
  /** `file` is used only for messages and LatencyRecord.source. */
  parse(text: string, file: string): ParseResult;
}
