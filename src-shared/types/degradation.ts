// Result of `compare` (API) / `edgelab compare --json`: what changes for users between a baseline run (normally
// float32) and a variant run on the same clip, scored against the baseline (pseudo ground truth) or labels.
// Fractions are in [0,1]; times in ms; counts are integers.

import type { MotPreset } from '../metrics/mot-classes';

export interface DetectionScores {
  /** COCO mAP@0.5 and mAP@[.5:.95] (101-point interpolation, per class then mean). */
  map50: number;
  map: number;
  /** At the run's operating threshold, IoU ≥ 0.5, same class. */
  precision: number;
  recall: number;
  perClass: { cls: string; ap50: number; ap: number }[];
}

/** The tracking numbers of one class, or of classes combined. */
export interface TrackingCore {
  /** CLEAR-MOT (TrackEval clear.py, IoU 0.5). */
  mota: number;
  motp: number;
  idSwitches: number;
  fragmentations: number;
  /** Identity (TrackEval identity.py, IoU 0.5). */
  idf1: number;
  /** HOTA (TrackEval hota.py), means over α 0.05..0.95. */
  hota: number;
  detA: number;
  assA: number;
}

export interface ClassTrackingScores extends TrackingCore {
  cls: string;
  /** Reference / variant boxes of this class over the scored frames. */
  gtBoxes: number;
  trackerBoxes: number;
  /**
   * Present when the class has no reference boxes: why its numbers read as they do. Its MOTA is TrackEval's
   * (TP − FP − IDSW)/max(1, TP + FN) = −FP, and it is left out of `classAveraged` (TrackEval would average it in).
   */
  note?: string;
}

/**
 * Each class evaluated on its own (TrackEval), then combined. The top-level numbers are TrackEval's
 * detection-averaged combination (cls_comb_det_av: counts summed over classes, scores recomputed; HOTA's
 * association weighted by true positives); with one class they are that class's numbers.
 */
export interface TrackingScores extends TrackingCore {
  /** Every class the reference or the variant shows, by name. */
  perClass: ClassTrackingScores[];
  /** TrackEval's cls_comb_cls_av: plain means over the classes that have reference boxes (counts summed). */
  classAveraged: TrackingCore;
  /** The classes `classAveraged` averages, and why it can differ from TrackEval's class average. */
  classAveragedOver?: { classes: string[]; note: string };
}

export interface ExperienceScores {
  /** Variant: a tracked object's box disappearing then reappearing, per minute of clip. */
  flickerPerMin: number;
  baselineFlickerPerMin: number;
  /** RMS of box-centre acceleration (second difference per frame) over box size (√(w·h) px), variant minus baseline. */
  jitter: number;
  /** Mean delay from an object's first reference box to the variant's first matching box, ms (0 = no delay). */
  timeToFirstBoxMs: number;
  /** Reference objects the variant never boxed. */
  neverFound: number;
  /**
   * Frame shift of the variant's box-centre trajectories behind the reference's that best aligns them once each
   * object's constant offset is removed (positive = variant late; 0 unless the shift clearly helps). A systematic
   * box offset or scale is not lag; at constant speed a delay looks like an offset and reads 0.
   */
  lagFrames: number;
  /** Label changes along the variant's tracks. */
  labelFlips: number;
}

export interface EmbeddingScores {
  /** Cosine between the variant's and the baseline's embedding of the same object (matched tracks), mean and 5th percentile; null without embeddings. */
  cosineMean: number | null;
  cosineP5: number | null;
  /** Mean |top-k ∩ top-k| / k when every variant crop and its baseline crop search the baseline gallery; null without embeddings. */
  topkOverlap: number | null;
  k: number;
  pairs: number;
}

export type CompareEventKind = 'missed' | 'extra' | 'flicker' | 'id-switch' | 'drift';

export interface CompareEvent {
  frame: number;
  timeMs: number;
  kind: CompareEventKind;
  /** Reference object (baseline track or label id). */
  objectId: number | null;
  /** Variant track id. */
  trackId: number | null;
  detail: string;
}

export interface CompareScores {
  detection: DetectionScores;
  tracking: TrackingScores;
}

/** One gate: fails when `value op limit` holds (value null = metric absent, not checked). */
export interface GateCheck {
  metric: string;
  op: '>' | '>=' | '<' | '<=';
  limit: number;
  value: number | null;
  failed: boolean;
  /**
   * Rate gates (per-minute units) only: the count the rate is made of and the run's duration, ms. When the run is
   * shorter than MIN_RATE_MS the rate is not extrapolated: `value` is null (not checked) and the count is shown.
   */
  count?: number | null;
  durationMs?: number;
}

export interface Verdict {
  pass: boolean;
  checks: GateCheck[];
}

export interface CompareResult {
  baseline: { runId: string; dir: string; model: string; variantKind: string };
  variant: { runId: string; dir: string; model: string; variantKind: string };
  /** What the variant was scored against: the baseline run or a labels file. */
  reference: {
    kind: 'baseline' | 'labels';
    file?: string;
    frames: number;
    /** Present (true) when classes were ignored in matching (`classAgnostic`): one class for AP, tracks across labels. */
    classAgnostic?: boolean;
    /** Present when the compare was scoped to these classes (compare's `classes`); absent = all classes. */
    classes?: string[];
    /** MOTChallenge labels: the class preset they were scored with (docs/metrics.md). */
    motClasses?: MotPreset;
  };
  detection: DetectionScores;
  tracking: TrackingScores;
  experience: ExperienceScores;
  embedding: EmbeddingScores;
  events: CompareEvent[];
  /** Gates given (`failOn`) or the defaults (map50_drop>0.01, idSwitchesPerMin>1, cosineMean<0.98). */
  verdict: Verdict;
  /** With labels: the baseline scored against them too. */
  baselineVsLabels?: CompareScores;
  frames: number;
  durationMs: number;
}

/** A compare result kept in the workspace (`compares/<id>.json`), as listed by `listCompares`. */
export interface StoredCompare {
  id: string;
  /** Workspace run ids (or run directories when outside the workspace). */
  baseline: string;
  variant: string;
  /** Model / variant ids of the two runs, and the clip. */
  baselineModel: string;
  variantModel: string;
  clip: string;
  /** Labels file used, or null (baseline as pseudo ground truth). */
  gt: string | null;
  createdAt: string;
  result: CompareResult;
  /** The gates `result.verdict` was computed with (compare's failOn, its defaults, or the lab's gates). Added later: absent in older files. */
  gates?: string;
  /** Set when a lab step made this compare: the lab's name, the compare step id, and the lab's gates (null: none, compare's defaults). */
  lab?: { name: string; step: string; gates: string | null };
}
