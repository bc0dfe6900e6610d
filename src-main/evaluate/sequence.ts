// A run (or a labels file) as a sequence of per-frame object boxes, the common input of every metric family.
import type { Box, RunFile } from '../../src-shared/formats/run';
import type { LabelRow } from '../../src-shared/metrics/distractors';

/** One object's box on one frame. `id`: track id (or a unique negative id for an untracked box). */
export interface ObjBox {
  id: number;
  box: Box;
  score: number;
  /** Class key: the label name (models with different id spaces agree on "cup"). */
  cls: string;
}

export interface Sequence {
  /** frames[i] = boxes shown on frame i. */
  frames: ObjBox[][];
  /** Presentation time of frame i, ms. */
  ptsMs: number[];
  /** Frame size, pixels (for pixel-true jitter). */
  width: number;
  height: number;
  /**
   * Labels only (MOTChallenge gt.txt): labelRows[i] = every row of frame i — scored, zero-marked and unscored classes
   * alike — that predictions are matched against to remove those on distractors (evaluate/against-labels.ts).
   */
  labelRows?: LabelRow[][];
}

/** Every box shown on each frame (detected and propagated: what the user sees), with track ids. */
export function runSequence(run: RunFile): Sequence {
  let untracked = -1;
  return {
    frames: run.frames.map((f) =>
      f.detections.map((d) => ({ id: d.trackId ?? untracked--, box: d.box, score: d.score, cls: d.label || String(d.classId) })),
    ),
    ptsMs: run.frames.map((f) => f.ptsMs),
    width: run.clip.width,
    height: run.clip.height,
  };
}

/** Clip length covered by the sequence, ms: last − first pts plus one frame interval. */
export function durationMs(seq: Sequence): number {
  const n = seq.ptsMs.length;
  if (n === 0) return 0;
  if (n === 1) return 0;
  const step = (seq.ptsMs[n - 1] - seq.ptsMs[0]) / (n - 1);
  return seq.ptsMs[n - 1] - seq.ptsMs[0] + step;
}

/** The first n frames of a sequence (labels may cover only the start of a clip). */
export function truncate(seq: Sequence, n: number): Sequence {
  return { ...seq, frames: seq.frames.slice(0, n), ptsMs: seq.ptsMs.slice(0, n), ...(seq.labelRows ? { labelRows: seq.labelRows.slice(0, n) } : {}) };
}

/** The one class every box takes in class-agnostic scoring. */
export const ANY_CLASS = 'object';

/** The sequence with every box's class replaced by ANY_CLASS (matching then ignores labels). */
/** Only the boxes whose class is in `classes` (a compare's class scope); frames and their count are kept. */
export function onlyClasses(seq: Sequence, classes: readonly string[]): Sequence {
  const keep = new Set(classes);
  return { ...seq, frames: seq.frames.map((f) => f.filter((b) => keep.has(b.cls))) };
}

export function classAgnostic(seq: Sequence): Sequence {
  return { ...seq, frames: seq.frames.map((f) => f.map((b) => ({ ...b, cls: ANY_CLASS }))) };
}
