// Benchmark importer registry: the first importer whose cheap `match` accepts the CONTENT parses it.
// Order matters only where contents could overlap: the EdgeLab template (explicit header/schema) first,
// structured outputs before free-text logs.
import { EdgeLabError } from '../../src-shared/protocol';
import { edgelabTemplate } from './edgelab-template';
import { ortPerfTest } from './ort-perf-test';
import { ortProfileJson } from './ort-profile-json';
import { tfliteBenchmark } from './tflite-benchmark';
import { tfliteProfileCsv } from './tflite-profile-csv';
import type { BenchImporter, ParseResult } from './types';

/** Largest benchmark-tool output imported, bytes (32 MiB: a 150 000-run ORT perf summary or a TFLite op table is a
 *  few MB; a 112 MB EdgeLab template once took 4.1 GB of memory before failing). Larger files are BAD_INPUT naming
 *  the file and this limit, read before any parsing. */
export const MAX_BENCH_BYTES = 32 * 2 ** 20;

export const IMPORTERS: readonly BenchImporter[] = [edgelabTemplate, ortProfileJson, tfliteProfileCsv, ortPerfTest, tfliteBenchmark];

/** The importer for `text`, or BAD_INPUT listing every format tried. */
export function detectImporter(text: string, file: string): BenchImporter {
  const hit = IMPORTERS.find((i) => i.match(text));
  if (hit) return hit;
  throw new EdgeLabError('BAD_INPUT', `not a recognised benchmark output; formats tried: ${IMPORTERS.map((i) => `${i.name} (${i.description})`).join('; ')}`, file);
}

/** Detects the format and parses; each record carries its importer's name as `format`. */
export function parseBenchText(text: string, file: string): ParseResult & { format: string } {
  const imp = detectImporter(text, file);
  const r = imp.parse(text, file);
  return { ...r, format: imp.name };
}
