// The versioned report JSON: the source of every other report format (HTML now; PDF/CSV later).
import type { RunSummary, Detection, RunSettings } from '../formats/run';

export const REPORT_SCHEMA = 'edgelab.report';
export const REPORT_VERSION = 1;

/** Detection agreement of a variant run against a baseline run on the same clip (baseline = pseudo ground truth). */
export interface RunComparison {
  baselineRunId: string;
  variantRunId: string;
  /** Frames compared (both runs detected on them). */
  frames: number;
  /** Greedy one-to-one matching per frame and class at IoU >= iouThreshold. */
  iouThreshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean IoU of matched pairs. */
  meanIoU: number;
  /** Mean |score difference| of matched pairs. */
  meanScoreDelta: number;
  /** Variant size / baseline size. */
  sizeRatio: number;
  /** Variant mean inference ms / baseline mean inference ms. */
  latencyRatio: number;
}

export interface KeyFrame {
  runId: string;
  frame: number;
  ptsMs: number;
  why: string;
  detections: Detection[];
  /** Baseline detections of the same frame, when this is a variant's key frame. */
  baselineDetections?: Detection[];
  /** Thumbnail as a data: URL (JPEG) so that the HTML stays self-contained. */
  image?: string;
}

export interface ReportJson {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  /** ISO time; the only field allowed to differ between two reports of the same inputs. */
  generatedAt: string;
  title: string;
  runs: RunSummary[];
  comparisons: RunComparison[];
  keyFrames: KeyFrame[];
  /** Per run: inference ms per frame, in frame order (null where the detector did not run). */
  series: { runId: string; inferenceMs: (number | null)[]; boxes: number[] }[];
  /** Per run (in `runs` order): the replay settings, for the report's settings section. */
  runSettings?: { runId: string; settings: RunSettings }[];
}

export interface ReportResult {
  /** Files written (absolute paths). */
  files: string[];
  format: 'html' | 'json';
  report: ReportJson;
}
