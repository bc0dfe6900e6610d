// Benchmark suite registry: `npm run bench` runs 'replay-overhead'; `npm run bench:<name>` runs <name>.
// Adding a suite = one file exporting a BenchSuite + one line here.
import type { BenchSuite } from './types';
import { replayOverheadSuite } from './replay-overhead-suite';
import { quantSuite } from './quant';
import { quantCalibrationSuite } from './quant-calibration';
import { replaySuite } from './replay';
import { latencySuite } from './latency';
import { compareSuite } from './compare-timing';
import { soakSuite } from './soak';
import { loadSuite } from './load';
import { compareVariantsSuite } from './variant-table';
import { uiSuite } from './ui';
import { sweepSuite } from './sweep';
import { graphSuite } from './graph';
import { tfliteSuite } from './tflite';

export const SUITES: BenchSuite[] = [
  replayOverheadSuite,
  quantSuite,
  quantCalibrationSuite,
  replaySuite,
  latencySuite,
  compareSuite,
  compareVariantsSuite,
  uiSuite,
  sweepSuite,
  graphSuite,
  tfliteSuite,
  soakSuite,
  loadSuite,
];

export const DEFAULT_SUITE = 'replay-overhead';

export function findSuite(name: string): BenchSuite | undefined {
  return SUITES.find((s) => s.name === name);
}
